namespace Calc.Sdk;

/// <summary>The SDK's version, which plugin manifests name in <c>sdkVersion</c>.</summary>
public static class SdkInfo
{
    /// <summary>The SDK major version; a plugin is compatible when its major version equals this.</summary>
    public const int Major = 1;

    /// <summary>The SDK version as text.</summary>
    public const string Version = "1.1.0";
}
