using System.Security.Cryptography;
using System.Text.Json;
using LiveAssist.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Operator.Accounts;

/// <summary>
/// The accounts that may sign in. With none configured, a first start creates an <c>admin</c> editor with
/// a random password, keeps only its hash, and writes the password once to <c>data/operator-password.txt</c>
/// (readable by the owner only) so a merchant running <c>dotnet run</c> can sign in without editing config.
/// </summary>
public sealed partial class OperatorAccounts
{
    // Verified against when the name is unknown, so a wrong name costs as long as a wrong password.
    private static readonly string Decoy = PasswordHash.Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)));

    private readonly IReadOnlyList<OperatorAccount> _accounts;

    public OperatorAccounts(IOptions<OperatorOptions> options, IServiceProvider services, ILogger<OperatorAccounts> logger)
    {
        var configured = options.Value.Accounts.Where(a => !string.IsNullOrWhiteSpace(a.Name) && !string.IsNullOrWhiteSpace(a.PasswordHash)).ToList();
        IsBootstrap = configured.Count == 0 && !options.Value.OpenIdConnect.IsConfigured;
        _accounts = IsBootstrap ? [Bootstrap(services, logger)] : configured;
        BootstrapPasswordFile = IsBootstrap ? services.DataFilePath("operator-password.txt") : null;
    }

    /// <summary>Where the first start wrote the created account's password (null with configured accounts).</summary>
    public string? BootstrapPasswordFile { get; }

    /// <summary>True when the only account is the one the first start created (its password in <c>data/operator-password.txt</c>).</summary>
    public bool IsBootstrap { get; }

    /// <summary>The account whose password this is, or null (unknown name and wrong password take the same time).</summary>
    public OperatorAccount? Verify(string? name, string? password)
    {
        var account = _accounts.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
        var ok = PasswordHash.Verify(password ?? string.Empty, account?.PasswordHash ?? Decoy);
        return ok && account is not null ? account : null;
    }

    private static OperatorAccount Bootstrap(IServiceProvider services, ILogger logger)
    {
        var accountsFile = services.DataFilePath("operator-accounts.json");
        if (File.Exists(accountsFile) && JsonSerializer.Deserialize<OperatorAccount>(File.ReadAllText(accountsFile), JsonSerializerOptions.Web) is { } saved)
        {
            return saved;
        }

        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
        var account = new OperatorAccount { Name = "admin", PasswordHash = PasswordHash.Create(password), Role = OperatorRoles.Editor };
        SecretFile.Write(accountsFile, JsonSerializer.Serialize(account, JsonSerializerOptions.Web));
        var passwordFile = services.DataFilePath("operator-password.txt");
        SecretFile.Write(passwordFile, password + Environment.NewLine);
        LogBootstrapped(logger, passwordFile);
        return account;
    }

    [LoggerMessage(1, LogLevel.Warning, "No accounts are configured: created 'admin' for the studio (/) and /operator; its password is in {PasswordFile}. Configure Operator:Accounts for real use. 没有配置账号：已创建 admin，密码在 {PasswordFile}")]
    private static partial void LogBootstrapped(ILogger logger, string passwordFile);
}
