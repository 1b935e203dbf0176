using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace LiveAssist.Engines.Settings;

/// <summary>
/// The encrypted settings file. The whole JSON is protected with ASP.NET Data Protection, whose keys live in
/// <c>data/keys</c> (owner-only), so a copy of the file alone gives away no key. Written then renamed.
/// </summary>
public sealed class EngineSettingsFile
{
    public const string FileName = "engine-settings.dat";
    private const string Purpose = "LiveAssist.EngineSettings.v1";
    private readonly IDataProtector _protector;

    public EngineSettingsFile(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        FilePath = Path.Combine(dataDirectory, FileName);
        var keys = Directory.CreateDirectory(Path.Combine(dataDirectory, "keys"));
        if (!OperatingSystem.IsWindows())
        {
            keys.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        // Same key folder and application name as the host's Data Protection (sign-in cookies).
        _protector = DataProtectionProvider.Create(keys, b => b.SetApplicationName("LiveAssist")).CreateProtector(Purpose);
    }

    public string FilePath { get; }

    /// <summary>The saved settings, or null when none were saved (or the file cannot be decrypted: keys lost).</summary>
    public EngineSettings? Read()
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        try
        {
            var json = _protector.Unprotect(File.ReadAllText(FilePath).Trim());
            return JsonSerializer.Deserialize<EngineSettings>(json, JsonSerializerOptions.Web);
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    public void Write(EngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var protectedText = _protector.Protect(JsonSerializer.Serialize(settings, JsonSerializerOptions.Web));
        var temporary = FilePath + ".tmp";
        File.WriteAllText(temporary, protectedText, new UTF8Encoding(false));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, FilePath, overwrite: true);
    }
}
