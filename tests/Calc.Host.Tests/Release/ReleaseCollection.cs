namespace Calc.Host.Tests.Release;

/// <summary>The release is built once for every test of this collection.</summary>
[CollectionDefinition(Name)]
public sealed class ReleaseCollection : ICollectionFixture<ReleaseFixture>
{
    public const string Name = "release";
}
