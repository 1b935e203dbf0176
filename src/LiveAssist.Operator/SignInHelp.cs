using LiveAssist.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Operator;

/// <summary>
/// What the sign-in screen needs before anyone has signed in: whether OpenID Connect is set up (else no link to it),
/// and, when no account is configured, where the first start put the <c>admin</c> password.
/// </summary>
public sealed record SignInHelp(bool OpenIdConnect, string? BootstrapPasswordFile, bool BootstrapPasswordFileExists)
{
    public static bool UsesBootstrapAccount(OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !options.OpenIdConnect.IsConfigured && !options.Accounts.Any(a => !string.IsNullOrWhiteSpace(a.Name) && !string.IsNullOrWhiteSpace(a.PasswordHash));
    }

    public static SignInHelp For(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<OperatorOptions>>().Value;
        if (!UsesBootstrapAccount(options))
        {
            return new SignInHelp(options.OpenIdConnect.IsConfigured, null, false);
        }

        var file = Path.GetFullPath(services.DataFilePath("operator-password.txt"));
        return new SignInHelp(false, file, File.Exists(file));
    }
}

/// <summary>
/// Creates the bootstrap account at start (it used to appear only at the first sign-in attempt, so the password
/// file the README points to was missing on a fresh install) and logs where its password is, on every start.
/// </summary>
internal sealed partial class BootstrapAccountNotice(IServiceProvider services, ILogger<BootstrapAccountNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<Accounts.OperatorAccounts>(); // its constructor writes the password file when there is no account
        var help = SignInHelp.For(services);
        if (help.BootstrapPasswordFile is { } file)
        {
            LogBootstrapPassword(logger, file, help.BootstrapPasswordFileExists ? "" : " (deleted: remove operator-accounts.json beside it and restart to get a new one)");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(2, LogLevel.Warning, "运营后台 /operator：用户名 admin，密码在 {PasswordFile}{Note}。Operator page sign-in: user 'admin', password in that file; configure Operator:Accounts for real use.")]
    private static partial void LogBootstrapPassword(ILogger logger, string passwordFile, string note);
}
