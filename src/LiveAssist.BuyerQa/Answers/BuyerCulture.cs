using System.Globalization;

namespace LiveAssist.BuyerQa.Answers;

/// <summary>Numbers and money the way the buyer writes them: 4,860.00 USD in en, 4.860,00 USD in es.</summary>
public static class BuyerCulture
{
    public static CultureInfo For(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    public static string Money(decimal amount, string? currency, string language)
        => amount.ToString("#,0.00", For(language)) + " " + (currency ?? "USD");

    public static string Number(decimal value, string language) => value.ToString("#,0.##", For(language));
}
