namespace MLNetExtensions.Data;

/// <summary>
/// Finds the folder of third-party reference data (Coat, Adult, COMPAS), which is read in place and never copied into
/// the repository; every family's tests, benchmarks and bench commands use it. One setting: the environment variable
/// <see cref="EnvironmentVariable"/>; without it, the folder <c>../shared/data</c> next to the repository root (the
/// folder holding MLNetExtensions.sln, found by walking up from the current directory, then from the application's
/// base directory).
/// </summary>
public static class ReferenceDataDirectory
{
    /// <summary>The environment variable that overrides the data folder.</summary>
    public const string EnvironmentVariable = "MLNETEXT_DATA_DIR";

    private const string SolutionFile = "MLNetExtensions.sln";

    /// <summary>
    /// The configured data folder (which may not exist), or null when neither the variable is set nor a repository
    /// root is found above <paramref name="startDirectory"/> (default: the current directory, then
    /// <see cref="AppContext.BaseDirectory"/>).
    /// </summary>
    public static string? Resolve(string? startDirectory = null)
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured);
        var starts = startDirectory is not null
            ? new[] { startDirectory }
            : new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory };
        foreach (var start in starts)
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        return null;
    }

    /// <summary>
    /// The folder of data set <paramref name="name"/> (e.g. "coat") when it holds <paramref name="requiredFile"/>;
    /// otherwise null and <paramref name="reason"/> says where it looked and how to configure it.
    /// </summary>
    public static string? Find(string name, string requiredFile, out string reason, string? startDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(requiredFile);
        var root = Resolve(startDirectory);
        if (root is null)
        {
            reason = $"The reference data folder is not configured: set {EnvironmentVariable}, or place the data at ../shared/data next to the folder holding {SolutionFile}.";
            return null;
        }
        return FindUnder(root, name, requiredFile, out reason);
    }

    /// <summary>
    /// The folder <paramref name="name"/> under the given data folder <paramref name="root"/> when it holds
    /// <paramref name="requiredFile"/>; otherwise null and <paramref name="reason"/> names the missing file.
    /// </summary>
    public static string? FindUnder(string root, string name, string requiredFile, out string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(requiredFile);
        var folder = Path.Combine(root, name);
        if (!File.Exists(Path.Combine(folder, requiredFile)))
        {
            reason = $"Data set '{name}' was not found: {Path.Combine(folder, requiredFile)} does not exist. Set {EnvironmentVariable} to the folder that holds '{name}/'.";
            return null;
        }
        reason = "";
        return folder;
    }

    /// <summary>
    /// The path of <paramref name="file"/> in data set <paramref name="name"/>, under <paramref name="dataDirectory"/>
    /// when given, else under <see cref="Resolve"/>'s folder; null with <paramref name="reason"/> saying where it looked.
    /// </summary>
    public static string? FindFile(string name, string file, out string reason, string? dataDirectory = null)
    {
        var folder = dataDirectory is null ? Find(name, file, out reason) : FindUnder(dataDirectory, name, file, out reason);
        return folder is null ? null : Path.Combine(folder, file);
    }
}
