namespace LiveAssist.Testing;

/// <summary>Paths inside the checkout, found from the test binaries upwards.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Locales => Path.Combine(Root, "locales");

    public static string Dialogs => Path.Combine(Root, "dialogs");

    /// <summary>The compliance rule packs (issue 19).</summary>
    public static string Review => Path.Combine(Root, "review");

    /// <summary>
    /// A private copy of <c>dialogs/</c>, <c>locales/</c> and <c>review/</c> for a test that edits them, with the settings that point a host at it.
    /// </summary>
    public static (string Root, Dictionary<string, string> Settings) CopyContent()
    {
        var root = NewTempDirectory("liveassist-content");
        foreach (var (name, source) in new[] { ("dialogs", Dialogs), ("locales", Locales), ("review", Review) })
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(root, name, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        return (root, new Dictionary<string, string>
        {
            ["Dialogs__Directory"] = Path.Combine(root, "dialogs"),
            ["Locales__Directory"] = Path.Combine(root, "locales"),
            ["Dialogs__ReviewDirectory"] = Path.Combine(root, "review"),
        });
    }

    public static string NewTempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tests must run inside the repository checkout.");
    }
}
