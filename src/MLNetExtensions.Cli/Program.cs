using System.CommandLine;
using MLNetExtensions.Cli.Commands;
using MLNetExtensions.Showcase;

// mlnetx: the library's command line. Families add their audit commands here.
var root = new RootCommand("mlnetx: MLNetExtensions from the command line (showcase, audits, benchmarks).");

var outOption = new Option<string>("--out") { Description = "Report folder to write.", DefaultValueFactory = _ => "report" };
var rowsOption = new Option<int>("--rows") { Description = "Generated training rows.", DefaultValueFactory = _ => 20_000 };
var epochsOption = new Option<int>("--epochs") { Description = "MLP epochs.", DefaultValueFactory = _ => 30 };
var seedOption = new Option<int>("--seed") { Description = "Seed of data generation and training.", DefaultValueFactory = _ => 42 };
var showcase = new Command("showcase", "Generate data, train, evaluate, save, reload and write a Markdown + PNG report.")
{
    outOption, rowsOption, epochsOption, seedOption,
};
showcase.SetAction(parse =>
{
    int rows = parse.GetValue(rowsOption), epochs = parse.GetValue(epochsOption);
    if (rows < 100)
    {
        Console.Error.WriteLine($"--rows must be at least 100 (got {rows}).");
        return 2;
    }
    if (epochs < 1)
    {
        Console.Error.WriteLine($"--epochs must be at least 1 (got {epochs}).");
        return 2;
    }
    var result = ShowcaseRunner.Run(new ShowcaseOptions
    {
        OutputFolder = parse.GetValue(outOption)!,
        TrainingRows = rows,
        TestRows = Math.Max(rows / 4, 100),
        Epochs = epochs,
        Seed = parse.GetValue(seedOption),
    }, Console.Out);
    return result.RoundTripMismatches == 0 ? 0 : 1;
});
root.Add(showcase);
root.Add(CalibrationCommand.Create());
root.Add(FairnessCommand.Create());
root.Add(BenchCommand.Create());
return root.Parse(args).Invoke();
