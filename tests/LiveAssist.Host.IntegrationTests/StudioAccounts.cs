using LiveAssist.Operator.Accounts;

namespace LiveAssist.Host.IntegrationTests;

/// <summary>Studio sign-in accounts as configuration (<c>Operator:Accounts</c>), each with its password hashed.</summary>
public static class StudioAccounts
{
    public static Dictionary<string, string?> Settings(params (string Name, string Password, string Role, string? ShopId)[] accounts)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < accounts.Length; i++)
        {
            var (name, password, role, shopId) = accounts[i];
            settings[$"Operator:Accounts:{i}:Name"] = name;
            settings[$"Operator:Accounts:{i}:PasswordHash"] = PasswordHash.Create(password);
            settings[$"Operator:Accounts:{i}:Role"] = role;
            if (shopId is not null)
            {
                settings[$"Operator:Accounts:{i}:ShopId"] = shopId;
            }
        }

        return settings;
    }
}
