using Calc.Sdk;

namespace WrongSdkPlugin;

/// <summary>Claims SDK 2.0.0: Calc (SDK 1.x) must refuse it before loading this assembly.</summary>
public sealed class WrongSdkPlugin : ICalcPlugin
{
    public void Register(IPluginRegistry registry) => throw new InvalidOperationException("a plugin for another SDK major version must not be loaded");
}
