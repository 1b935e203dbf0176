using LiveAssist.Dialogs.Content;
using LiveAssist.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Host.IntegrationTests.Dialogs;

/// <summary>A broken flow is refused with the line of the problem and a reason an operator can act on.</summary>
public sealed class FlowValidationTests : IAsyncLifetime
{
    private LiveAssistFactory _factory = null!;
    private DialogContentStore _store = null!;

    public Task InitializeAsync()
    {
        _factory = new LiveAssistFactory();
        _store = _factory.Services.GetRequiredService<DialogContentStore>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("""{ "id": "x", "triggers": [], "steps": [ { "type": "send", "text": "welcome" }, ] """, 1, "Not valid JSON")]
    [InlineData("{\n  \"id\": \"x\",\n  \"triggers\": [],\n  \"steps\": [\n    { \"type\": \"shout\", \"text\": \"welcome\" }\n  ]\n}", 5, "Schema")]
    [InlineData("{\n  \"id\": \"x\",\n  \"triggers\": [],\n  \"steps\": [\n    { \"type\": \"send\", \"text\": \"welcome\" },\n    { \"type\": \"send\", \"text\": \"no.such.text\" }\n  ]\n}", 6, "'no.such.text' does not exist")]
    [InlineData("{\n  \"id\": \"x\",\n  \"triggers\": [],\n  \"steps\": [\n    { \"type\": \"branch\", \"cases\": [{ \"when\": \"turn.quantity > 1\", \"goto\": \"nowhere\" }] }\n  ]\n}", 5, "'nowhere', which is not a step")]
    [InlineData("{\n  \"id\": \"x\",\n  \"triggers\": [],\n  \"steps\": [\n    { \"type\": \"begin\", \"flow\": \"missing-flow\" }\n  ]\n}", 5, "'missing-flow', which does not exist")]
    [InlineData("{\n  \"id\": \"x\",\n  \"triggers\": [],\n  \"steps\": [\n    { \"type\": \"send\", \"text\": \"welcome\", \"next\": \"end\" },\n    { \"type\": \"send\", \"text\": \"help\" },\n    { \"id\": \"end\", \"type\": \"end\" }\n  ]\n}", 6, "no step leads here")]
    [InlineData("{\n  \"id\": \"x\",\n  \"triggers\": [],\n  \"steps\": [\n    { \"type\": \"set\", \"var\": \"turn.a\", \"value\": \"conversation.neverSet + 1\" }\n  ]\n}", 5, "Expression")]
    [InlineData("{\n  \"id\": \"x\",\n  \"triggers\": [],\n  \"steps\": [\n    { \"type\": \"branch\", \"cases\": [{ \"when\": \"conversation.neverSet > 3\", \"goto\": \"e\" }] },\n    { \"id\": \"e\", \"type\": \"end\" }\n  ]\n}", 5, "reads 'conversation.neverSet'")]
    [InlineData("{\n  \"id\": \"x\",\n  \"triggers\": [{ \"intent\": \"teleport\" }],\n  \"steps\": [{ \"type\": \"end\" }]\n}", 3, "'teleport' is not one the bot understands")]
    [InlineData("{\n  \"id\": \"x\",\n  \"triggers\": [],\n  \"steps\": [\n    { \"type\": \"call\", \"operation\": \"catalog.delete\" }\n  ]\n}", 5, "'catalog.delete' does not exist")]
    [InlineData("{\n  \"id\": \"x\",\n  \"triggers\": [],\n  \"steps\": [\n    { \"type\": \"ask\", \"id\": \"q\", \"text\": \"help\", \"into\": \"conversation.q\", \"expect\": \"telepathy\" }\n  ]\n}", 5, "expects 'telepathy'")]
    [InlineData("{\n  \"id\": \"y\",\n  \"triggers\": [],\n  \"steps\": [{ \"type\": \"end\" }]\n}", 2, "must equal the file name")]
    public void BrokenFlow_RefusedWithLineAndReason(string text, int line, string reason)
    {
        var build = _store.Preview(new Dictionary<string, string> { ["dialogs/x.json"] = text });

        Assert.False(build.Succeeded);
        var problem = Assert.Single(build.Errors, p => p.Path == "dialogs/x.json");
        Assert.Contains(reason, problem.Message, StringComparison.Ordinal);
        Assert.Equal(line, problem.Line);
    }

    [Fact]
    public void BrokenLocaleFile_RefusedWithLine()
    {
        var build = _store.Preview(new Dictionary<string, string>
        {
            ["locales/en/bot.json"] = "{\n  \"welcome\": \"Hi\",\n  \"greetingReply\": \"{qty, plural, one {# piece}}\"\n}",
        });

        Assert.False(build.Succeeded);
        var problem = Assert.Single(build.Errors);
        Assert.Equal(3, problem.Line);
        Assert.Contains("other", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RemovingATextAFlowNeeds_IsRefused()
    {
        var withoutHelp = File.ReadAllText(Path.Combine(RepoPaths.Locales, "en", "bot.json")).Replace("\"help\":", "\"helpRenamed\":", StringComparison.Ordinal);

        var build = _store.Preview(new Dictionary<string, string> { ["locales/en/bot.json"] = withoutHelp });

        // zh still has "help", so the flow is fine: fallback to zh covers it. Remove it there too and the help flow breaks.
        Assert.True(build.Succeeded);
        var zhWithoutHelp = File.ReadAllText(Path.Combine(RepoPaths.Locales, "zh", "bot.json")).Replace("\"help\":", "\"helpRenamed\":", StringComparison.Ordinal);
        var both = _store.Preview(new Dictionary<string, string> { ["locales/en/bot.json"] = withoutHelp, ["locales/zh/bot.json"] = zhWithoutHelp });
        Assert.Contains(both.Errors, p => p.Path == "dialogs/help.json" && p.Message.Contains("'help' does not exist", StringComparison.Ordinal));
    }
}
