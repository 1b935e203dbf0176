using LiveAssist.Operator.Accounts;

namespace LiveAssist.Host.Teams;

/// <summary>
/// Commands the host runs instead of serving:
/// <c>teams-package [--out file.zip]</c> writes the Teams app package (bot id from Teams:BotId or MicrosoftAppId);
/// <c>hash-password</c> reads a password from standard input and prints the hash for Operator:Accounts.
/// </summary>
internal static class HostCommands
{
    public static bool TryRun(string[] args, string contentRoot, out int exitCode)
    {
        exitCode = 0;
        switch (args)
        {
            case ["teams-package", .. var rest]:
                exitCode = TeamsPackage(rest, contentRoot);
                return true;
            case ["hash-password", ..]:
                var password = Console.In.ReadLine();
                if (string.IsNullOrEmpty(password))
                {
                    Console.Error.WriteLine("Type the password on standard input (e.g. `echo -n 'secret' | dotnet run --project src/LiveAssist.Host -- hash-password`).");
                    exitCode = 2;
                    return true;
                }

                Console.WriteLine(PasswordHash.Create(password));
                return true;
            default:
                return false;
        }
    }

    private static int TeamsPackage(string[] args, string contentRoot)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(contentRoot)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args, new Dictionary<string, string> { ["--out"] = "Out" })
            .Build();
        var options = configuration.GetSection(TeamsOptions.SectionName).Get<TeamsOptions>() ?? new TeamsOptions();
        var botId = string.IsNullOrWhiteSpace(options.BotId) ? configuration["MicrosoftAppId"] : options.BotId;
        if (string.IsNullOrWhiteSpace(botId))
        {
            Console.Error.WriteLine("No bot id: set MicrosoftAppId (or Teams:BotId) to the Azure Bot's Microsoft App ID, e.g. `MicrosoftAppId=<guid> dotnet run --project src/LiveAssist.Host -- teams-package`.");
            return 2;
        }

        try
        {
            var output = Path.GetFullPath(configuration["Out"] ?? "liveassist-teams.zip");
            File.WriteAllBytes(output, TeamsAppPackage.Build(options, botId));
            Console.WriteLine($"Teams app package written to {output} (manifest {TeamsAppPackage.ManifestVersion}, bot {botId}). Upload it in Teams: Apps > Manage your apps > Upload an app.");
            return 0;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
    }
}
