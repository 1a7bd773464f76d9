using BenchmarkDotNet.Running;

// Every benchmark class of this assembly; pick with --filter, e.g. --filter '*Expression*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
