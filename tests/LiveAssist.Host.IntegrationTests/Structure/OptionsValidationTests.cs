using Microsoft.Extensions.Options;

namespace LiveAssist.Host.IntegrationTests.Structure;

/// <summary>
/// A setting an operator got wrong stops the host at start with the key's name, instead of a host that starts and then
/// misbehaves (a zero listener buffer drops every overlay; a negative timeout fails every engine call).
/// </summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Captions:ListenerBuffer", "0", "ListenerBuffer")]
    [InlineData("Speech:EngineTimeoutMs", "-1", "EngineTimeoutMs")]
    [InlineData("Translator:EngineTimeoutMs", "0", "EngineTimeoutMs")]
    [InlineData("Translation:ApertiumTimeoutMs", "5", "ApertiumTimeoutMs")]
    [InlineData("Translator:Azure:MaxRequestChars", "0", "MaxRequestChars")]
    [InlineData("Speech:Azure:MaxConnectionSeconds", "100000", "MaxConnectionSeconds")]
    [InlineData("Tts:MaxRate", "9", "MaxRate")]
    [InlineData("Tts:Azure:TimeoutSeconds", "0", "TimeoutSeconds")]
    [InlineData("Operator:SessionMinutes", "0", "SessionMinutes")]
    public void AnOutOfRangeSetting_StopsTheHostAtStart_NamingIt(string key, string value, string member)
    {
        using var factory = new LiveAssistFactory(new Dictionary<string, string?> { [key] = value });
        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        // Start-up may wrap the validation failure (aggregated with others, or inside the host's own exception): what the
        // operator reads is the whole text, and it must name the setting.
        var validation = ValidationFailures(failure).ToList();
        Assert.True(validation.Any(f => f.Contains(member, StringComparison.Ordinal)) || failure.ToString().Contains(member, StringComparison.Ordinal), failure.ToString());
    }

    [Fact]
    public void TheShippedSettings_StartTheHost()
    {
        using var factory = new LiveAssistFactory();
        using var client = factory.CreateClient();
        Assert.NotNull(client);
    }

    private static IEnumerable<string> ValidationFailures(Exception failure)
    {
        var pending = new Stack<Exception>([failure]);
        while (pending.TryPop(out var e))
        {
            if (e is OptionsValidationException found)
            {
                foreach (var text in found.Failures)
                {
                    yield return text;
                }
            }

            foreach (var inner in e is AggregateException aggregate ? aggregate.InnerExceptions : e.InnerException is { } one ? [one] : [])
            {
                pending.Push(inner);
            }
        }
    }
}
