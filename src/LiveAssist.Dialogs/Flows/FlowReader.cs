using System.Reflection;
using LiveAssist.Dialogs.Content;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace LiveAssist.Dialogs.Flows;

/// <summary>
/// Reads one flow file: JSON with line numbers, checked against <c>dialogs/flow.schema.json</c>
/// (embedded, so the schema editors see and the one the server enforces are the same file),
/// then each step's own rules. Every problem is collected with its line before giving up.
/// </summary>
public static class FlowReader
{
    /// <summary>The flow schema's text, served to the operator page's editor.</summary>
    public static readonly string SchemaText = ReadSchema();

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromJsonAsync(SchemaText).GetAwaiter().GetResult());

    private static string ReadSchema()
    {
        using var stream = typeof(FlowReader).Assembly.GetManifestResourceStream("LiveAssist.Dialogs.flow.schema.json")
            ?? throw new InvalidOperationException("flow.schema.json is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <param name="path">Relative path, e.g. <c>dialogs/quote-request.json</c>; the flow id must match its name.</param>
    public static Flow Read(string path, string text)
    {
        var root = JsonSource.Parse(path, text);
        var problems = new List<ContentProblem>();
        foreach (var error in Schema.Value.Validate(root))
        {
            problems.Add(SchemaProblem(path, error));
        }

        if (problems.Count > 0 || root is not JObject flow)
        {
            throw new ContentException(problems.Count > 0 ? problems : [JsonSource.At(path, root, "A flow file is a JSON object.")]);
        }

        var id = (string)flow["id"]!;
        var expectedId = System.IO.Path.GetFileNameWithoutExtension(path);
        if (!string.Equals(id, expectedId, StringComparison.Ordinal))
        {
            problems.Add(JsonSource.At(path, flow["id"], $"The flow id '{id}' must equal the file name '{expectedId}'."));
        }

        var triggers = ((JArray)flow["triggers"]!).OfType<JObject>().Select(t => new FlowTrigger(
            (string?)t["intent"], (string?)t["event"], (bool?)t["conversationStart"] == true, (bool?)t["noAnswer"] == true, (string?)t["words"],
            ((Newtonsoft.Json.IJsonLineInfo)t).LineNumber)).ToList();

        var steps = new List<FlowStep>();
        var index = 0;
        foreach (var item in ((JArray)flow["steps"]!).OfType<JObject>())
        {
            if (ReadStep(path, item, index++, problems) is { } step)
            {
                steps.Add(step);
            }
        }

        return problems.Count > 0
            ? throw new ContentException(problems)
            : new Flow(id, path, (string?)flow["description"], triggers, steps);
    }

    private static FlowStep? ReadStep(string path, JObject source, int index, List<ContentProblem> problems)
    {
        var type = (string)source["type"]!;
        var before = problems.Count;
        FlowExpression? Expr(string name)
        {
            if (source[name] is not JValue { Type: JTokenType.String } value)
            {
                return null;
            }

            try
            {
                return FlowExpression.Parse((string)value!);
            }
            catch (FormatException ex)
            {
                problems.Add(JsonSource.At(path, value, ex.Message));
                return null;
            }
        }

        IReadOnlyDictionary<string, FlowExpression> Map(string name)
        {
            var result = new Dictionary<string, FlowExpression>(StringComparer.Ordinal);
            foreach (var property in (source[name] as JObject)?.Properties() ?? [])
            {
                try
                {
                    result[property.Name] = FlowExpression.Parse((string)property.Value!);
                }
                catch (FormatException ex)
                {
                    problems.Add(JsonSource.At(path, property, ex.Message));
                }
            }

            return result;
        }

        void Require(bool ok, string what)
        {
            if (!ok)
            {
                problems.Add(JsonSource.At(path, source, $"Step {index + 1} ('{type}'): {what}."));
            }
        }

        var text = (string?)source["text"];
        FlowExpression? textFrom = null;
        if (text is not null && text.StartsWith('='))
        {
            try
            {
                textFrom = FlowExpression.Parse(text[1..]);
            }
            catch (FormatException ex)
            {
                problems.Add(JsonSource.At(path, source["text"], ex.Message));
            }

            text = null;
        }

        var cases = new List<FlowCase>();
        foreach (var item in (source["cases"] as JArray)?.OfType<JObject>() ?? [])
        {
            try
            {
                cases.Add(new FlowCase(FlowExpression.Parse((string)item["when"]!), (string)item["goto"]!, item));
            }
            catch (FormatException ex)
            {
                problems.Add(JsonSource.At(path, item["when"], ex.Message));
            }
        }

        var step = new FlowStep
        {
            Type = type,
            Index = index,
            Source = source,
            Id = (string?)source["id"],
            Text = text,
            TextFrom = textFrom,
            Slots = Map("slots"),
            SlotsFrom = Expr("slotsFrom"),
            Card = (string?)source["card"],
            CardArgs = Expr("cardArgs"),
            Choices = source["choices"] is JArray choices ? [.. choices.Select(c => (string)c!)] : [],
            Into = (string?)source["into"],
            Expect = (string?)source["expect"],
            Min = (decimal?)source["min"],
            Max = (decimal?)source["max"],
            MaxAttempts = (int?)source["maxAttempts"] ?? 3,
            RetryText = (string?)source["retryText"],
            OnFail = (string?)source["onFail"],
            SkipIf = Expr("skipIf"),
            Cases = cases,
            Else = (string?)source["else"],
            Operation = (string?)source["operation"],
            Args = Map("args"),
            Var = (string?)source["var"],
            Value = Expr("value"),
            Flow = (string?)source["flow"],
            Reason = Expr("reason"),
            Next = (string?)source["next"],
        };

        switch (type)
        {
            case FlowStep.Send:
                Require(step.Text is not null || step.TextFrom is not null || step.Card is not null, "needs 'text' or 'card'");
                break;
            case FlowStep.Ask:
                Require(step.Id is not null, "needs an 'id' (a conversation waiting here is resumed by it after a reload)");
                Require(step.Text is not null || step.TextFrom is not null, "needs 'text', the question");
                Require(step.Into is not null, "needs 'into', the variable that keeps the answer");
                Require(step.Expect is not null, "needs 'expect', the kind of answer");
                break;
            case FlowStep.Branch:
                Require(step.Cases.Count > 0 || source["cases"] is JArray { Count: > 0 }, "needs at least one case");
                break;
            case FlowStep.Call:
                Require(step.Operation is not null, "needs 'operation'");
                break;
            case FlowStep.Set:
                Require(step.Var is not null, "needs 'var'");
                Require(source["value"] is not null, "needs 'value' (an expression; null clears the variable)");
                break;
            case FlowStep.Begin:
                Require(step.Flow is not null, "needs 'flow', the flow to begin");
                break;
        }

        return problems.Count > before ? null : step;
    }

    private static ContentProblem SchemaProblem(string path, ValidationError error)
    {
        var where = string.IsNullOrEmpty(error.Path) ? "the file" : error.Path.TrimStart('#', '/');
        var message = error.Kind switch
        {
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"'{error.Property}' is not a known property here ({where}).",
            ValidationErrorKind.PropertyRequired => $"'{error.Property}' is required ({where}).",
            ValidationErrorKind.NotInEnumeration => $"{where}: the value is not one of the allowed ones.",
            ValidationErrorKind.PatternMismatch => $"{where}: the value does not have the required form.",
            _ => $"{where}: {error.Kind}.",
        };
        return new ContentProblem(path, Math.Max(error.LineNumber, 1), Math.Max(error.LinePosition, 1), "Schema: " + message);
    }
}
