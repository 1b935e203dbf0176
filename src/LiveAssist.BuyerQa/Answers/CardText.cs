using System.Text;

namespace LiveAssist.BuyerQa.Answers;

/// <summary>
/// Catalog text shown in an Adaptive Card. TextBlock and FactSet text is Markdown in Web Chat and Teams, so a
/// product titled <c>[Pay here](https://…)</c> or <c>![](https://tracker/pixel)</c> would show a link or load an
/// image: every Markdown and HTML character is escaped with a backslash, and the text reads exactly as imported.
/// </summary>
internal static class CardText
{
    // What makes links, images, HTML or emphasis anywhere in a line; '#', '-', '+' matter only at its start.
    private const string Special = "\\`*_[]()<>!|~";

    public static string Plain(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (Special.Contains(c, StringComparison.Ordinal) || (builder.Length == 0 && c is '#' or '-' or '+' or '>'))
            {
                builder.Append('\\');
            }

            // Line breaks would start new Markdown blocks (headings, lists): a card line stays one line.
            builder.Append(c is '\r' or '\n' ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>Only web images: no <c>data:</c>, <c>javascript:</c> or <c>file:</c> addresses.</summary>
    public static bool IsWebImage(string? url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
