using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveAssist.Host.IntegrationTests.BuyerQa;
using LiveAssist.Testing;
using LiveAssist.Operator.Accounts;

namespace LiveAssist.Host.IntegrationTests.Dialogs;

/// <summary>Intent words are content like the rest: an edit of intents.json is live at the next turn, and a preview uses the draft.</summary>
public sealed class IntentsReloadTests
{
    private const string Password = "intent-editor-pass-1";

    [Fact]
    public async Task NewSampleWord_EditedOnDisk_UnderstoodAtTheNextTurn_WithoutRestart()
    {
        var (root, settings) = RepoPaths.CopyContent();
        await using var host = QaHost.Start(settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value));
        const string Question = "can I get a swatch of YW-100234?";
        Assert.False(LocaleFile.IsVariation("en", "qa.samples", await TextAsync(host, Question, "before")));

        var path = Path.Combine(root, "locales", "en", "intents.json");
        var intents = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        intents["intent.samples"]!.AsArray().Add("swatch");
        File.WriteAllText(path, intents.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var understood = await Poll.UntilAsync(async () => LocaleFile.IsVariation("en", "qa.samples", await TextAsync(host, Question, "after-" + Guid.NewGuid().ToString("N")[..6])), TimeSpan.FromSeconds(10));
        Assert.True(understood, "the edited intent word was not used for the next turns");
    }

    [Fact]
    public async Task OperatorPreview_OfAnIntentsDraft_UsesTheDraftWords_AndPublishesNothing()
    {
        var (root, settings) = RepoPaths.CopyContent();
        var all = settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        all["Operator:Accounts:0:Name"] = "mei";
        all["Operator:Accounts:0:PasswordHash"] = PasswordHash.Create(Password);
        all["Operator:Accounts:0:Role"] = "editor";
        await using var host = QaHost.Start(all);
        using var editor = host.Factory.CreateClient(new() { HandleCookies = true, AllowAutoRedirect = false });
        using (var login = await editor.PostAsJsonAsync("/operator/login", new { name = "mei", password = Password }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var path = Path.Combine(root, "locales", "en", "intents.json");
        var original = File.ReadAllText(path);
        var draft = JsonNode.Parse(original)!.AsObject();
        draft["intent.samples"]!.AsArray().Add("swatch");
        using var preview = await editor.PostAsJsonAsync("/operator/api/preview", new
        {
            drafts = new Dictionary<string, string> { ["locales/en/intents.json"] = draft.ToJsonString() },
            text = "can I get a swatch of YW-100234?", locale = "en", conversation = "draft-1",
        });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains(LocaleFile.Variations("en", "qa.samples")[0][..12], await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllText(path));
        Assert.False(LocaleFile.IsVariation("en", "qa.samples", await TextAsync(host, "can I get a swatch of YW-100234?", "live-1")));
    }

    private static async Task<string?> TextAsync(QaHost host, string text, string conversation)
        => (await host.AskAsync(text, "en", null, conversation))[0].GetProperty("text").GetString();
}
