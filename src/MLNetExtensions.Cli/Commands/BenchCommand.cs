using System.CommandLine;

namespace MLNetExtensions.Cli.Commands;

/// <summary><c>mlnetx bench</c>: the families' benchmark commands (one JSON object each with --json).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks of the method families on reference or generated data.");
        command.Subcommands.Add(DistillationBenchCommand.Create());
        return command;
    }
}
