using Calc.Host;

// Not disposed: ProcessExit may fire after Main returns and must still be able to cancel.
var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => cancel.Cancel();
return await Cli.RunAsync(args, Console.In, Console.Out, Console.Error, cancel.Token);
