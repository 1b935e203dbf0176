using System.Diagnostics;
using LiveAssist.Testing;

namespace LiveAssist.LoadTests;

/// <summary>
/// Hot reload: time from a flow file being saved on disk to the next turn answering with the new flow
/// (the brief: within 2 s). The greeting flow is switched between two texts; "hello" is asked every 20 ms.
/// </summary>
internal static class ReloadLoad
{
    public static async Task<LatencyRecorder> FileSavedToNewAnswerAsync(string baseUrl, string dialogsDirectory, int changes)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var path = Path.Combine(dialogsDirectory, "greeting.json");
        var original = await File.ReadAllTextAsync(path);
        // What each text says, read through the unchanged flows before any edit.
        var says = new Dictionary<string, string?> { ["help"] = await AskAsync(http, "help"), ["greetingReply"] = await AskAsync(http, "hello") };
        var latency = new LatencyRecorder();
        for (var i = 0; i < changes; i++)
        {
            var key = i % 2 == 0 ? "help" : "greetingReply";
            var expected = says[key];
            await File.WriteAllTextAsync(path, original.Replace("\"text\": \"greetingReply\"", $"\"text\": \"{key}\"", StringComparison.Ordinal));
            var saved = Stopwatch.GetTimestamp();
            var deadline = saved + (Stopwatch.Frequency * 10);
            while (true)
            {
                if (await AskAsync(http, "hello") == expected)
                {
                    latency.Record(Stopwatch.GetTimestamp() - saved);
                    break;
                }

                if (Stopwatch.GetTimestamp() > deadline)
                {
                    latency.Error();
                    break;
                }

                await Task.Delay(20);
            }
        }

        await File.WriteAllTextAsync(path, original);
        return latency;
    }

    private static Task<string?> AskAsync(HttpClient http, string text) => LocalBot.FirstTextAsync(http, text, "en", "reload-bench");
}
