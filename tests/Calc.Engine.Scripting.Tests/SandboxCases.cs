namespace Calc.Engine.Scripting.Tests;

/// <summary>Scripts the sandbox refuses, and the first problem each gives (line, column and the API named).</summary>
public sealed class SandboxCases : TheoryData<string, string>
{
    private const string OffLimits = " is not allowed in scripts (files, network, processes, reflection and threads are off limits)";

    public SandboxCases()
    {
        Add("var s = System.IO.File.ReadAllText(\"x\"); return s.Length;", "line 1, column 9: System.IO.File" + OffLimits);
        Add("return File.Exists(\"/etc/passwd\");", "line 1, column 8: System.IO.File" + OffLimits);
        Add("return new System.Net.Http.HttpClient().Timeout.TotalSeconds;", "line 1, column 12: System.Net.Http.HttpClient" + OffLimits);
        Add("var c = new System.Net.Sockets.TcpClient(); return 1;", "line 1, column 13: System.Net.Sockets.TcpClient" + OffLimits);
        Add("System.Diagnostics.Process.Start(\"ls\");\nreturn 1;", "line 1, column 1: System.Diagnostics.Process" + OffLimits);
        Add("return Environment.GetEnvironmentVariable(\"HOME\");", "line 1, column 8: System.Environment" + OffLimits);
        Add("return typeof(double).GetMethods().Length;", "line 1, column 8: System.Type" + OffLimits);
        Add("return System.Reflection.Assembly.Load(\"x\").FullName;", "line 1, column 8: System.Reflection.Assembly" + OffLimits);
        Add("var t = 1.0.GetType(); return 1;", "line 1, column 9: System.Object.GetType" + OffLimits);
        Add("return Activator.CreateInstance<object>() == null;", "line 1, column 8: System.Activator" + OffLimits);
        Add("var t = new System.Threading.Thread(() => { });\nreturn 1;", "line 1, column 9: System.Threading.Thread" + OffLimits);
        Add("var x = 1;\nreturn System.Threading.Tasks.Task.Run(() => 1).Result;", "line 2, column 8: System.Threading.Tasks.Task" + OffLimits);
        Add("System.Threading.Tasks.Parallel.For(0, 2, i => { }); return 1;", "line 1, column 1: System.Threading.Tasks.Parallel" + OffLimits);
        Add("GC.Collect(); return 1;", "line 1, column 1: System.GC" + OffLimits);
        Add("return AppDomain.CurrentDomain.FriendlyName;", "line 1, column 8: System.AppDomain" + OffLimits);
        Add("return System.Runtime.Loader.AssemblyLoadContext.Default.Name;", "line 1, column 8: System.Runtime.Loader.AssemblyLoadContext" + OffLimits);
        Add("return System.Runtime.InteropServices.Marshal.SizeOf<int>();", "line 1, column 8: System.Runtime.InteropServices.Marshal" + OffLimits);
        Add("Console.WriteLine(${a}); return 1;", "line 1, column 1: System.Console" + OffLimits);
        Add("System.Globalization.CultureInfo.CurrentCulture = null; return 1;", "line 1, column 1: System.Globalization.CultureInfo.CurrentCulture" + OffLimits);
        Add("[System.Runtime.InteropServices.DllImport(\"libc\")] static extern int getpid();\nreturn getpid();", "line 1, column 2: System.Runtime.InteropServices.DllImportAttribute" + OffLimits);
        Add("static extern int getpid();\nreturn getpid();", "line 1, column 8: extern functions are not allowed in scripts (native calls are off limits)");
        Add("unsafe { int x = 1; int* p = &x; return *p; }", "line 1, column 1: unsafe code is not allowed in scripts");
        Add("int x = 1;\nint* p = &x;\nreturn *p;", "line 2, column 1: pointers are not allowed in scripts (unsafe code is off limits)");
        Add("delegate*<int> f = null; return 1;", "line 1, column 1: function pointers are not allowed in scripts (native calls are off limits)");
        Add("Span<int> s = stackalloc int[10]; return s.Length;", "line 1, column 15: stackalloc is not allowed in scripts (it can overflow the stack)");
        Add("dynamic d = ${a}; return d;", "line 1, column 1: dynamic is not allowed in scripts (every type is checked before the script runs)");
        Add("lock (new object()) { }\nreturn 1;", "line 1, column 1: lock is not allowed in scripts (threads are off limits)");
        Add("Action f = async () => { }; return 1;", "line 1, column 12: async code is not allowed in scripts (tasks and threads are off limits)");
        Add("var __left = 1; return __left;", "line 1, column 5: names starting with '__' are reserved for Calc");
        Add("int x = 1; var r = __makeref(x); return 1;", "line 1, column 20: names starting with '__' are reserved for Calc");
        Add("return 1; } static double Other() { while (true) { } } double More() {", "line 1, column 11: the braces do not balance: this '}' would close the script's body");
    }
}
