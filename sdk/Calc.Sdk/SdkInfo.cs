namespace Calc.Sdk;

/// <summary>
/// The SDK's version, which plugin manifests name in <c>sdkVersion</c>. Both constants are generated
/// at build time from the repository's <c>Version.props</c> (<c>CalcSdkVersion</c>), the one version source.
/// </summary>
public static partial class SdkInfo;
