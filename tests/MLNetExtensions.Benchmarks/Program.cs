using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project tests/MLNetExtensions.Benchmarks -- --filter '*'
// Figures and the reference machine are recorded in docs/benchmarks.md.
BenchmarkSwitcher.FromAssembly(typeof(MLNetExtensions.Benchmarks.MlpTrainingBenchmark).Assembly).Run(args);
