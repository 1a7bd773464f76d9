using Calc.Sdk;

namespace Calc.Engine.Plugins;

public sealed partial class PluginCatalog
{
    /// <summary>
    /// Looks at the roots again: reads new install folders (and failed ones that changed), loads the
    /// newest valid version of each plugin if it is not loaded yet, and makes it the version new jobs
    /// get. Versions no longer chosen drain: they unload when no job uses them. Every install that is
    /// refused is reported to <paramref name="problems"/> with its folder. Returns true when the set of
    /// versions new jobs get changed.
    /// </summary>
    public bool Rescan(ProblemList problems)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var refused = new List<(string Folder, string Problem)>();
            var folders = PluginDiscovery.Folders(Roots, refused).ToHashSet(StringComparer.Ordinal);
            foreach (var folder in folders)
            {
                Discover(folder);
            }

            foreach (var install in _installs.Values)
            {
                install.Removed = !folders.Contains(install.Folder);
            }

            var next = Choose();
            var changed = !next.Installs.SequenceEqual(_current.Installs);
            _current = next;
            foreach (var install in _installs.Values)
            {
                Settle(install, next);
            }

            foreach (var gone in _installs.Values.Where(i => i.Removed && i.Code is null).ToList())
            {
                _installs.Remove(gone.Folder);
            }

            foreach (var (folder, problem) in refused)
            {
                problems.Add(folder, problem);
            }

            foreach (var install in _installs.Values.Where(i => i.State == PluginState.Failed && !i.Removed))
            {
                foreach (var problem in install.Problems)
                {
                    problems.Add(install.Folder, problem);
                }
            }

            return changed;
        }
    }

    private void Discover(string folder)
    {
        if (_installs.TryGetValue(folder, out var install))
        {
            if (install.State != PluginState.Failed || PluginInstall.NewestWrite(folder) == install.Stamp)
            {
                return;
            }
        }
        else
        {
            install = new PluginInstall(folder);
            _installs[folder] = install;
        }

        install.Stamp = PluginInstall.NewestWrite(folder);
        install.Problems.Clear();
        install.State = PluginState.Inactive;
        var problems = new ProblemList();
        install.Manifest = ManifestValidator.Read(folder, problems);
        install.Version = install.Manifest is null ? null : Version.Parse(install.Manifest.Version);
        install.Claimed = install.Manifest is null ? ManifestValidator.ReadLenient(folder) : null;
        if (install.Manifest is null)
        {
            Fail(install, problems.Items.Select(p => p.ToString()));
        }
    }

    /// <summary>The newest loadable version of each plugin id; the ones active now keep their operator ids when two plugins claim one.</summary>
    private PluginSnapshot Choose()
    {
        var chosen = new List<PluginInstall>();
        var candidates = _installs.Values.Where(i => i.Manifest is not null && !i.Removed && i.State != PluginState.Failed);
        foreach (var versions in candidates.GroupBy(i => i.Manifest!.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var install in versions.OrderByDescending(i => i.Version))
            {
                if (EnsureLoaded(install))
                {
                    chosen.Add(install);
                    break;
                }
            }
        }

        var registry = new OperatorRegistry();
        var final = new List<PluginInstall>();
        foreach (var install in chosen.OrderBy(i => Array.IndexOf(_current.Installs, i) < 0))
        {
            if (TryRegister(registry, install))
            {
                final.Add(install);
            }
        }

        return new PluginSnapshot(registry, [.. final]);
    }

    private bool EnsureLoaded(PluginInstall install)
    {
        if (install.Code is not null)
        {
            return true;
        }

        var reasons = new List<string>();
        install.Code = PluginAssembly.Load(install.Folder, install.Manifest!, reasons, Unloadable);
        if (install.Code is null)
        {
            Fail(install, reasons.Select(r => $"plugin '{install.Manifest!.Id}' {install.Manifest.Version} failed to load: {r}"));
            return false;
        }

        return true;
    }

    private static bool TryRegister(OperatorRegistry registry, PluginInstall install)
    {
        var code = install.Code!;
        try
        {
            foreach (var (factory, manifest) in code.Factories)
            {
                registry.Register(new PluginOperatorFactory(factory, code.Identity), manifest, code.Identity.Id, code.Identity.Version);
            }

            return true;
        }
        catch (InvalidOperationException ex)
        {
            registry.RemovePlugin(code.Identity.Id);
            if (install.Jobs == 0)
            {
                Unload(install);
            }

            Fail(install, [$"plugin '{code.Identity.Id}' {code.Identity.Version} refused: {ex.Message}"]);
            return false;
        }
    }

    /// <summary>After a scan: chosen installs are active; other loaded ones drain, or unload if no job uses them.</summary>
    private static void Settle(PluginInstall install, PluginSnapshot next)
    {
        if (Array.IndexOf(next.Installs, install) >= 0)
        {
            install.State = PluginState.Active;
        }
        else if (install.Code is not null && install.Jobs > 0)
        {
            install.State = PluginState.Draining;
        }
        else if (install.State != PluginState.Failed)
        {
            Unload(install);
            install.State = PluginState.Inactive;
        }
    }

    private static void Fail(PluginInstall install, IEnumerable<string> problems)
    {
        install.State = PluginState.Failed;
        install.Problems.Clear();
        install.Problems.AddRange(problems);
    }
}
