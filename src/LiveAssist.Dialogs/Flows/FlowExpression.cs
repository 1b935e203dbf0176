using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiveAssist.Dialogs.Flows;

/// <summary>
/// The small condition language of flow files:
/// <c>conversation.qty &gt;= 1000 &amp;&amp; turn.country == 'BR'</c>, <c>!turn.product</c>,
/// <c>turn.event.productId ?? conversation.lastProductId</c>. Values are numbers, strings, true/false/null
/// and variables (<c>turn.</c>, <c>conversation.</c>, <c>user.</c>, dotted into objects).
/// Parsed once when the file loads, so a typo is a validation error with a line, not a runtime surprise.
/// </summary>
public sealed class FlowExpression
{
    private readonly Func<Func<string, JsonNode?>, object?> _evaluate;

    private FlowExpression(string source, Func<Func<string, JsonNode?>, object?> evaluate, IReadOnlyList<string> variables)
    {
        Source = source;
        _evaluate = evaluate;
        Variables = variables;
    }

    public string Source { get; }

    /// <summary>Every variable path the expression reads.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>Parses; throws <see cref="FormatException"/> saying what is wrong and where.</summary>
    public static FlowExpression Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parser = new Parser(source);
        var evaluate = parser.ParseAll();
        return new FlowExpression(source, evaluate, parser.Variables);
    }

    /// <summary>Evaluates against the scopes: <paramref name="read"/> returns a variable's value by path.</summary>
    public object? Evaluate(Func<string, JsonNode?> read) => _evaluate(read);

    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        decimal d => d != 0,
        string s => s.Length > 0,
        JsonArray a => a.Count > 0,
        _ => true,
    };

    /// <summary>A JSON value as the plain value expressions work with (numbers as decimal).</summary>
    public static object? Plain(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return node;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(value),
            JsonValueKind.String => value.GetValue<string>(),
            _ => null,
        };
    }

    /// <summary>A JSON number (whatever .NET type it was created from) as decimal; null when it is not a number.</summary>
    public static decimal? Number(JsonNode? node)
        => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
           && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        bool b => JsonValue.Create(b),
        decimal d => d == decimal.Truncate(d) && Math.Abs(d) < long.MaxValue ? JsonValue.Create((long)d) : JsonValue.Create(d),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double x => JsonValue.Create(x),
        string s => JsonValue.Create(s),
        _ => JsonValue.Create(value.ToString()),
    };

    public static bool IsVariablePath(string path)
    {
        var parts = path.Split('.');
        return parts.Length >= 2 && FlowScopes.All.Contains(parts[0]) && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'));
    }

    private sealed class Parser(string source)
    {
        private int _at;

        public List<string> Variables { get; } = [];

        public Func<Func<string, JsonNode?>, object?> ParseAll()
        {
            var result = Coalesce();
            SkipSpace();
            if (_at < source.Length)
            {
                throw Error($"unexpected '{source[_at]}'");
            }

            return result;
        }

        private Func<Func<string, JsonNode?>, object?> Coalesce()
        {
            var left = Or();
            while (Take("??"))
            {
                var (l, right) = (left, Or());
                left = read => l(read) ?? right(read);
            }

            return left;
        }

        private Func<Func<string, JsonNode?>, object?> Or()
        {
            var left = And();
            while (Take("||"))
            {
                var (l, right) = (left, And());
                left = read => IsTruthy(l(read)) || IsTruthy(right(read));
            }

            return left;
        }

        private Func<Func<string, JsonNode?>, object?> And()
        {
            var left = Not();
            while (Take("&&"))
            {
                var (l, right) = (left, Not());
                left = read => IsTruthy(l(read)) && IsTruthy(right(read));
            }

            return left;
        }

        private Func<Func<string, JsonNode?>, object?> Not()
        {
            SkipSpace();
            if (_at < source.Length && source[_at] == '!' && !(_at + 1 < source.Length && source[_at + 1] == '='))
            {
                _at++;
                var operand = Not();
                return read => !IsTruthy(operand(read));
            }

            return Comparison();
        }

        private Func<Func<string, JsonNode?>, object?> Comparison()
        {
            var left = Primary();
            foreach (var op in new[] { "==", "!=", ">=", "<=", ">", "<" })
            {
                if (Take(op))
                {
                    var right = Primary();
                    return read => Compare(op, left(read), right(read));
                }
            }

            return left;
        }

        private Func<Func<string, JsonNode?>, object?> Primary()
        {
            SkipSpace();
            if (_at >= source.Length)
            {
                throw Error("a value is missing");
            }

            var c = source[_at];
            if (c == '(')
            {
                _at++;
                var inner = Coalesce();
                if (!Take(")"))
                {
                    throw Error("')' is missing");
                }

                return inner;
            }

            if (c is '\'' or '"')
            {
                var end = source.IndexOf(c, _at + 1);
                if (end < 0)
                {
                    throw Error("a string is not closed");
                }

                var text = source[(_at + 1)..end];
                _at = end + 1;
                return _ => text;
            }

            if (char.IsAsciiDigit(c) || (c == '-' && _at + 1 < source.Length && char.IsAsciiDigit(source[_at + 1])))
            {
                var start = _at++;
                while (_at < source.Length && (char.IsAsciiDigit(source[_at]) || source[_at] == '.'))
                {
                    _at++;
                }

                if (!decimal.TryParse(source[start.._at], NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    throw Error($"'{source[start.._at]}' is not a number");
                }

                return _ => number;
            }

            if (char.IsAsciiLetter(c))
            {
                var start = _at;
                while (_at < source.Length && (char.IsAsciiLetterOrDigit(source[_at]) || source[_at] is '_' or '.'))
                {
                    _at++;
                }

                var word = source[start.._at];
                switch (word)
                {
                    case "true":
                        return _ => true;
                    case "false":
                        return _ => false;
                    case "null":
                        return _ => null;
                }

                if (!IsVariablePath(word))
                {
                    throw Error($"'{word}' is not a variable: variables start with turn., conversation. or user.");
                }

                Variables.Add(word);
                return read => Plain(read(word));
            }

            throw Error($"unexpected '{c}'");
        }

        private bool Take(string token)
        {
            SkipSpace();
            if (string.CompareOrdinal(source, _at, token, 0, token.Length) == 0)
            {
                _at += token.Length;
                return true;
            }

            return false;
        }

        private void SkipSpace()
        {
            while (_at < source.Length && char.IsWhiteSpace(source[_at]))
            {
                _at++;
            }
        }

        private FormatException Error(string message) => new($"Expression '{source}': {message} at character {_at + 1}.");
    }

    private static object Compare(string op, object? left, object? right)
    {
        if (op is "==" or "!=")
        {
            var equal = Equal(left, right);
            return op == "==" ? equal : !equal;
        }

        if (AsNumber(left) is not { } l || AsNumber(right) is not { } r)
        {
            return false; // an unknown or non-numeric value is neither above nor below anything
        }

        return op switch
        {
            ">" => l > r,
            ">=" => l >= r,
            "<" => l < r,
            _ => l <= r,
        };
    }

    private static bool Equal(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (AsNumber(left) is { } l && AsNumber(right) is { } r)
        {
            return l == r;
        }

        return string.Equals(left is JsonNode ln ? ln.ToJsonString() : Convert.ToString(left, CultureInfo.InvariantCulture),
            right is JsonNode rn ? rn.ToJsonString() : Convert.ToString(right, CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase);
    }

    private static decimal? AsNumber(object? value) => value switch
    {
        decimal d => d,
        string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}

/// <summary>The three variable scopes: this turn, this conversation, this user across conversations.</summary>
public static class FlowScopes
{
    public const string Turn = "turn";
    public const string Conversation = "conversation";
    public const string User = "user";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Turn, Conversation, User };
}
