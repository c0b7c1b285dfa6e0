using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Text;

namespace DataCenterTools.Infrastructure;

/// <summary>
/// Runs when the module is imported. Finds native libraries (LightGBM, SQLite, Skia…) in the NuGet layout the
/// package ships (runtimes/&lt;rid&gt;/native for each platform, runtimes/osx/native for macOS universal binaries),
/// or next to the module for a build of one platform, and makes legacy code pages (GBK, GB18030, Latin-1 variants)
/// available to the readers.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;

    public void OnImport()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += ResolveNative;
    }

    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.ResolvingUnmanagedDll -= ResolveNative;

    private static IntPtr ResolveNative(Assembly assembly, string libraryName)
    {
        foreach (var candidate in Candidates(libraryName))
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
                return handle;
        return IntPtr.Zero;
    }

    internal static IEnumerable<string> Candidates(string libraryName)
    {
        var names = new List<string> { libraryName };
        if (!Path.HasExtension(libraryName) || !libraryName.Contains(".so"))
        {
            var (prefix, ext) = OperatingSystem.IsWindows() ? ("", ".dll") : OperatingSystem.IsMacOS() ? ("lib", ".dylib") : ("lib", ".so");
            names.Add(libraryName + ext);
            if (!libraryName.StartsWith(prefix, StringComparison.Ordinal)) names.Add(prefix + libraryName + ext);
        }
        var rid = RuntimeInformation.RuntimeIdentifier;
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var folders = new[]
        {
            ModuleDirectory,
            Path.Combine(ModuleDirectory, "runtimes", rid, "native"),
            Path.Combine(ModuleDirectory, "runtimes", $"{os}-{arch}", "native"),
            Path.Combine(ModuleDirectory, "runtimes", os, "native"), // Skia and HarfBuzz ship one universal macOS binary
        };
        foreach (var folder in folders)
            foreach (var name in names)
                yield return Path.Combine(folder, name);
    }
}
