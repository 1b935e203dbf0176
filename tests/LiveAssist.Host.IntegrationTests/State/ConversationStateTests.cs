using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.BotFramework.State;
using LiveAssist.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveAssist.Host.IntegrationTests.State;

/// <summary>Bot state is kept in SQLite under the data directory and survives a restart of the host.</summary>
public sealed class ConversationStateTests
{
    [Fact]
    public async Task UserLanguage_RememberedAcrossHostRestart()
    {
        var data = RepoPaths.NewTempDirectory("liveassist-state");
        const string serviceUrl = "http://127.0.0.1:9/"; // loopback: allowed in local mode; nothing listens, replies fail quietly
        var first = new { type = "message", channelId = "emulator", serviceUrl, text = "hola", locale = "es-ES",
            from = new { id = "buyer-7" }, recipient = new { id = "bot" }, conversation = new { id = "conv-7" }, deliveryMode = "expectReplies" };
        // No locale and no language clue in the text (a bare quantity): only remembered state can say "Spanish".
        var second = new { type = "message", channelId = "emulator", serviceUrl, text = "12345",
            from = new { id = "buyer-7" }, recipient = new { id = "bot" }, conversation = new { id = "conv-8" }, deliveryMode = "expectReplies" };

        await using (var before = new LiveAssistFactory(dataDirectory: data))
        {
            using var response = await before.CreateClient().PostAsJsonAsync("/api/messages", first);
            response.EnsureSuccessStatusCode();
        }

        await using var after = new LiveAssistFactory(dataDirectory: data);
        using var answer = await after.CreateClient().PostAsJsonAsync("/api/messages", second);
        answer.EnsureSuccessStatusCode();

        var replies = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activities");
        var reply = Assert.Single(replies.EnumerateArray());
        Assert.Equal("es", reply.GetProperty("locale").GetString());
        Assert.True(LocaleFile.IsVariation("es", "qa.whichProduct", reply.GetProperty("text").GetString()), reply.GetProperty("text").GetString());
        Assert.True(File.Exists(Path.Combine(data, "state.db")));
    }

    [Fact]
    public async Task ConversationTurnCount_PersistedPerConversation()
    {
        await using var factory = new LiveAssistFactory();
        using var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/messages", new
            {
                type = "message", channelId = "emulator", serviceUrl = "http://127.0.0.1:9/", text = "hi",
                from = new { id = "u1" }, recipient = new { id = "bot" }, conversation = new { id = "counted" }, deliveryMode = "expectReplies",
            });
            response.EnsureSuccessStatusCode();
        }

        var store = factory.Services.GetRequiredService<IStateStore>();
        var state = await store.ReadAsync("conversation/emulator/counted", CancellationToken.None);
        Assert.Equal(3, state!["turns"]!.GetValue<int>());
        Assert.Null(await store.ReadAsync("conversation/emulator/never-seen", CancellationToken.None));
    }
}
