using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace LiveAssist.Dialogs.Content;

/// <summary>
/// Parses an operator's JSON file keeping line numbers on every token, so a problem found later
/// (a dangling reference, a bad template) can still say where it is. Comments and trailing commas are allowed.
/// </summary>
public static class JsonSource
{
    public static JToken Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
            var token = JToken.ReadFrom(reader, new JsonLoadSettings
            {
                LineInfoHandling = LineInfoHandling.Load,
                CommentHandling = CommentHandling.Ignore,
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
            });
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw new JsonReaderException("Unexpected content after the end of the JSON value.", reader.Path, reader.LineNumber, reader.LinePosition, null);
                }
            }

            return token;
        }
        catch (JsonReaderException ex)
        {
            throw new ContentException([new ContentProblem(path, Math.Max(ex.LineNumber, 1), Math.Max(ex.LinePosition, 1), "Not valid JSON: " + FirstSentence(ex.Message))]);
        }
    }

    public static ContentProblem At(string path, JToken? token, string message, string severity = ContentProblem.Error)
    {
        var info = token as IJsonLineInfo;
        return new ContentProblem(path, info?.HasLineInfo() == true ? info.LineNumber : 1, info?.HasLineInfo() == true ? info.LinePosition : 1, message, severity);
    }

    // Newtonsoft appends "Path '…', line N, position M." which the problem already carries.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path '", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
