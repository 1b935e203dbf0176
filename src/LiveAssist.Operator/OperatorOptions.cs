using System.ComponentModel.DataAnnotations;
using LiveAssist.Sessions.Access;

namespace LiveAssist.Operator;

/// <summary>Who may sign in to <c>/operator</c>. Bound from <c>Operator</c>.</summary>
public sealed class OperatorOptions
{
    public const string SectionName = "Operator";

    /// <summary>Accounts with PBKDF2 password hashes (<c>dotnet run --project src/LiveAssist.Host -- hash-password</c>).</summary>
    public List<OperatorAccount> Accounts { get; set; } = [];

    /// <summary>Sign-in with an identity provider instead of (or besides) the accounts above.</summary>
    public OperatorOpenIdOptions OpenIdConnect { get; set; } = new();

    /// <summary>How long a sign-in lasts without activity.</summary>
    [Range(5, 10_080)]
    public int SessionMinutes { get; set; } = 480;
}

public sealed class OperatorAccount
{
    public string Name { get; set; } = string.Empty;

    /// <summary><c>pbkdf2-sha256$iterations$salt$hash</c> (base64); never the password itself.</summary>
    public string PasswordHash { get; set; } = string.Empty;

    /// <summary><c>merchant</c> (studio: start and run own lives), <c>editor</c> (also edits, publishes and rolls back the bot's texts) or <c>viewer</c> (reads, previews).</summary>
    public string Role { get; set; } = OperatorRoles.Viewer;

    /// <summary>The merchant's shop in the catalog (<c>shop.id</c>): the default shop of the lives they start.</summary>
    public string? ShopId { get; set; }
}

public sealed class OperatorOpenIdOptions
{
    /// <summary>The provider's issuer URL; OpenID Connect is on when this and ClientId are set.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim that carries roles, and which of its values make an editor (everyone else signed in is a viewer).</summary>
    public string RoleClaim { get; set; } = "roles";

    public List<string> EditorRoles { get; set; } = [];

    /// <summary>Values of <see cref="RoleClaim"/> that make a merchant (studio); editor roles win over these.</summary>
    public List<string> MerchantRoles { get; set; } = [];

    /// <summary>The claim that carries the merchant's shop id, if the provider sends one.</summary>
    public string ShopClaim { get; set; } = "shop_id";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

public static class OperatorRoles
{
    public const string Merchant = StudioRoles.Merchant;
    public const string Editor = StudioRoles.Editor;
    public const string Viewer = StudioRoles.Viewer;

    public const string ReadPolicy = "operator.read";
    public const string WritePolicy = "operator.write";
    public const string Scheme = "Operator";
}
