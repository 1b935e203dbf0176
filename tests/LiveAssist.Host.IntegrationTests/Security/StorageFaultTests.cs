using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.Captions;
using LiveAssist.Testing;
using Microsoft.Data.Sqlite;
using LiveAssist.BotFramework.State;
using LiveAssist.BotFramework.Sqlite;
using LiveAssist.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveAssist.Host.IntegrationTests.Security;

/// <summary>Issue 15 findings 13, 15 and 16 (file modes, state expiry): faults of one file stay with that file.</summary>
public sealed class StorageFaultTests
{
    [Fact]
    public async Task CorruptCaptionsDb_OnlyCaptionsDown_ReadyzNamesIt()
    {
        var data = RepoPaths.NewTempDirectory("liveassist-corrupt");
        await File.WriteAllBytesAsync(Path.Combine(data, "captions.db"), [.. Enumerable.Repeat((byte)0x5A, 8192)]);
        await using var factory = new LiveAssistFactory(dataDirectory: data);
        using var client = factory.CreateClient();

        using var chat = await client.PostAsync("/chat/token?lang=en", null);
        using var catalog = await client.GetAsync("/catalog/v1/products?q=flask");
        using var operatorPage = await client.GetAsync("/operator");
        var (sessionId, hostKey) = await CaptionSessions.CreateAsync(client, ["en"]);
        using var say = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{sessionId}/utterances") { Content = JsonContent.Create(new { text = "大家好", final = true }) };
        say.Headers.Add("X-Host-Key", hostKey);
        using var caption = await client.SendAsync(say);
        using var ready = await client.GetAsync("/readyz");
        var readiness = await ready.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
        Assert.Equal(HttpStatusCode.OK, operatorPage.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, caption.StatusCode);
        Assert.Contains("captions.db", await caption.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("degraded", readiness.GetProperty("status").GetString());
        Assert.StartsWith("failed", readiness.GetProperty("databases").GetProperty("captions.db").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", readiness.GetProperty("databases").GetProperty("catalog.db").GetString());
        Assert.Equal("ok", readiness.GetProperty("checks").GetProperty("storage").GetString());
    }

    [Fact]
    public async Task Readyz_DataDiskBelowFreeSpaceBudget_StorageFailed503()
    {
        // The budget is set above any real disk, which is what a full disk looks like to the check.
        await using var factory = new LiveAssistFactory(new Dictionary<string, string?> { ["Storage:MinFreeMegabytes"] = "1000000000000" });
        using var client = factory.CreateClient();

        using var ready = await client.GetAsync("/readyz");
        var readiness = await ready.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.StartsWith("failed: disk full", readiness.GetProperty("checks").GetProperty("storage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utterance_RefusedByStorage_DoesNotUseUpItsSequenceNumber()
    {
        await using var factory = new LiveAssistFactory();
        using var client = factory.CreateClient();
        var (sessionId, hostKey) = await CaptionSessions.CreateAsync(client, ["en"]);
        var first = await CaptionSessions.SayAsync(client, sessionId, hostKey, "第一句", final: true);

        // What a full disk does to the insert, simulated by the database refusing one line.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "captions.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER refuse BEFORE INSERT ON utterances WHEN NEW.json LIKE '%REFUSE-ME%' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;";
            await command.ExecuteNonQueryAsync();
        }

        using var refused = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{sessionId}/utterances") { Content = JsonContent.Create(new { text = "REFUSE-ME 这一句", final = true }) };
        refused.Headers.Add("X-Host-Key", hostKey);
        using var refusedResponse = await client.SendAsync(refused);
        var next = await CaptionSessions.SayAsync(client, sessionId, hostKey, "第二句", final: true);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedResponse.StatusCode);
        Assert.Equal(first + 1, next);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task DataFiles_PersonalDataAndSecrets_ReadableByTheServiceOnly()
    {
        await using var factory = new LiveAssistFactory();
        using var client = factory.CreateClient();
        await CaptionSessions.CreateAsync(client, ["en"]);
        using (await client.PostAsync("/chat/token?lang=en", null))
        {
        }

        using (await client.GetAsync("/readyz"))
        {
        }

        var files = Directory.GetFiles(factory.DataDirectory, "*.db*", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(factory.DataDirectory, "*.secret", SearchOption.AllDirectories)).ToList();
        Assert.Contains(files, f => f.EndsWith("buyerqa.db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("state.db", StringComparison.Ordinal));
        const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        Assert.All(files, f => Assert.True((File.GetUnixFileMode(f) & Others) == 0, $"{Path.GetFileName(f)} is {File.GetUnixFileMode(f)}"));
        var keys = Path.Combine(factory.DataDirectory, "keys");
        if (Directory.Exists(keys))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        }
    }

    [Fact]
    public async Task BotState_UnusedPastRetention_Forgotten()
    {
        // Only the state store's clock is faked: the rest of the turn runs on real time.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new LiveAssistFactory(services: s => s.AddSingleton<IStateStore>(sp =>
            new SqliteStateStore(new SqliteDatabase(Path.Combine(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, "state.db")), time, TimeSpan.FromDays(30))));
        using var client = factory.CreateClient();
        const string serviceUrl = "http://127.0.0.1:9/";
        object Message(string conversation, string text, string? locale) => new
        {
            type = "message", channelId = "emulator", serviceUrl, text, locale, from = new { id = "buyer-9" }, recipient = new { id = "bot" },
            conversation = new { id = conversation }, deliveryMode = "expectReplies",
        };

        using (var spanish = await client.PostAsJsonAsync("/api/messages", Message("c-1", "hola", "es-ES")))
        {
            spanish.EnsureSuccessStatusCode();
        }

        time.Advance(TimeSpan.FromDays(2));
        var soon = await LocaleOfReplyAsync(client, Message("c-2", "12345", null));
        time.Advance(TimeSpan.FromDays(40));
        var later = await LocaleOfReplyAsync(client, Message("c-3", "12345", null));

        Assert.Equal("es", soon); // remembered while in use
        Assert.NotEqual("es", later); // forgotten after 30 days unused
    }

    private static async Task<string?> LocaleOfReplyAsync(HttpClient client, object message)
    {
        using var response = await client.PostAsJsonAsync("/api/messages", message);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activities")[0].GetProperty("locale").GetString();
    }
}
