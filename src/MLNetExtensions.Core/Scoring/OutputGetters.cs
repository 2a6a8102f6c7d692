using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetExtensions.Scoring;

/// <summary>Getters that read a <see cref="BlockOutputs"/> column at the current row of a block.</summary>
internal static class OutputGetters
{
    public static Delegate Create(BlockOutputs outputs, int column, Func<int> currentIndex, Action ensureComputed)
    {
        var spec = outputs.Columns[column];
        switch (spec.Kind)
        {
            case ScoreColumnKind.Single:
                return new ValueGetter<float>((ref float value) => { ensureComputed(); value = outputs.Floats[column][currentIndex()]; });
            case ScoreColumnKind.Boolean:
                return new ValueGetter<bool>((ref bool value) => { ensureComputed(); value = outputs.Booleans[column][currentIndex()]; });
            case ScoreColumnKind.Key:
                return new ValueGetter<uint>((ref uint value) => { ensureComputed(); value = outputs.Keys[column][currentIndex()]; });
            case ScoreColumnKind.Text:
                return new ValueGetter<ReadOnlyMemory<char>>((ref ReadOnlyMemory<char> value) =>
                {
                    ensureComputed();
                    value = (outputs.Texts[column][currentIndex()] ?? string.Empty).AsMemory();
                });
            default:
                int width = spec.Width;
                return new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
                {
                    ensureComputed();
                    var editor = VBufferEditor.Create(ref value, width);
                    outputs.Floats[column].AsSpan(currentIndex() * width, width).CopyTo(editor.Values);
                    value = editor.Commit();
                });
        }
    }
}
