using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveAssist.Presenter.Synthesis.Espeak;

/// <summary>
/// The part of espeak-ng's C API (<c>speak_lib.h</c>) we use. The command line gives audio but no
/// timings; the library's synchronous mode hands us audio chunks together with word and phoneme
/// events carrying their audio position in milliseconds.
/// </summary>
internal static unsafe partial class EspeakNative
{
    private const string Library = "libespeak-ng.so.1";

    public const int AudioOutputSynchronous = 2;
    public const int InitializePhonemeEvents = 0x0001;
    public const int InitializePhonemeIpa = 0x0002;
    public const int InitializeDontExit = 0x8000;
    public const int PositionCharacter = 1;
    public const uint CharsUtf8 = 1;
    public const uint Ssml = 0x10;
    public const int ParameterRate = 1;
    public const int ParameterPitch = 3;

    public const int EventListTerminated = 0;
    public const int EventWord = 1;
    public const int EventEnd = 5;
    public const int EventPhoneme = 7;

    [LibraryImport(Library, EntryPoint = "espeak_Initialize")]
    public static partial int Initialize(int output, int bufferMs, byte* path, int options);

    [LibraryImport(Library, EntryPoint = "espeak_SetSynthCallback")]
    public static partial void SetSynthCallback(delegate* unmanaged[Cdecl]<short*, int, EspeakEvent*, int> callback);

    [LibraryImport(Library, EntryPoint = "espeak_SetVoiceByName", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetVoiceByName(string name);

    [LibraryImport(Library, EntryPoint = "espeak_SetParameter")]
    public static partial int SetParameter(int parameter, int value, int relative);

    [LibraryImport(Library, EntryPoint = "espeak_Synth")]
    public static partial int Synth(byte* text, nuint size, uint position, int positionType, uint endPosition, uint flags, uint* uniqueIdentifier, void* userData);
}

/// <summary><c>espeak_EVENT</c>: 40 bytes on 64-bit Linux; <see cref="Id"/> is the union (word number, or the phoneme's name).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct EspeakEvent
{
    public int Type;
    public uint UniqueIdentifier;
    public int TextPosition; // 1-based, in characters of the input
    public int Length;
    public int AudioPosition; // ms from the start of this synthesis
    public int Sample;
    public void* UserData;
    public IdUnion Id;

    [InlineArray(8)]
    public struct IdUnion
    {
        private byte _first;
    }
}
