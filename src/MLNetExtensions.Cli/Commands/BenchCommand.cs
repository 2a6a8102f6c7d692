using System.CommandLine;

namespace MLNetExtensions.Cli.Commands;

/// <summary><c>mlnetx bench</c>: the families' benchmark commands, one subcommand each (defined in its own file).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks: train a family's methods on reference or generated data and summarise the metrics.");
        command.Subcommands.Add(DebiasingBenchCommand.Create());
        command.Subcommands.Add(DistillationBenchCommand.Create());
        command.Subcommands.Add(RlBenchCommand.Create());
        return command;
    }
}
