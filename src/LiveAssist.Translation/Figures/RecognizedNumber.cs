namespace LiveAssist.Translation.Figures;

/// <summary>A number found in text: its value, where it stands, and what was written right after it.</summary>
public sealed record RecognizedNumber(decimal Value, int Start, int Length, string Following, string Preceding, bool IsMoney);
