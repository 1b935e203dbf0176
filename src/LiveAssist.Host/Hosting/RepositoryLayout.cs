namespace LiveAssist.Host.Hosting;

/// <summary>
/// Finds the folder that holds <c>appsettings.json</c>, <c>dialogs/</c> and <c>locales/</c>: the
/// repository root when running from a checkout (found from the binaries upwards), else the working directory.
/// </summary>
internal static class RepositoryLayout
{
    public static string FindContentRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")) && File.Exists(Path.Combine(dir.FullName, "appsettings.json")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
