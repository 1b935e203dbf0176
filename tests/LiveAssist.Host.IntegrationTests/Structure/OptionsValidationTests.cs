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
        var validation = failure as OptionsValidationException ?? Unwrap(failure);
        Assert.NotNull(validation);
        Assert.Contains(validation!.Failures, f => f.Contains(member, StringComparison.Ordinal));
    }

    [Fact]
    public void TheShippedSettings_StartTheHost()
    {
        using var factory = new LiveAssistFactory();
        using var client = factory.CreateClient();
        Assert.NotNull(client);
    }

    private static OptionsValidationException? Unwrap(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is OptionsValidationException found)
            {
                return found;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault() is { } inner)
            {
                return inner;
            }
        }

        return null;
    }
}
