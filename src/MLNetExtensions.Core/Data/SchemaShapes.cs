using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetExtensions.Data;

/// <summary>
/// Builds <see cref="SchemaShape"/>s for estimators' GetOutputSchema. ML.NET keeps the constructor of
/// <see cref="SchemaShape.Column"/> internal, so it is invoked by reflection here, in one place.
/// </summary>
public static class SchemaShapes
{
    private static readonly ConstructorInfo ColumnConstructor = typeof(SchemaShape.Column)
        .GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
        .Single(c => c.GetParameters().Length == 5);

    private static readonly MethodInfo CreateFromSchema = typeof(SchemaShape)
        .GetMethod("Create", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public, new[] { typeof(DataViewSchema) })!;

    /// <summary>The shape of <paramref name="schema"/> (ML.NET's <c>SchemaShape.Create</c>, which is internal).</summary>
    public static SchemaShape FromSchema(DataViewSchema schema) => (SchemaShape)CreateFromSchema.Invoke(null, new object[] { schema })!;

    /// <summary>A column shape, optionally annotated with text-vector annotations ("SlotNames", "KeyValues").</summary>
    public static SchemaShape.Column Column(string name, SchemaShape.Column.VectorKind kind, DataViewType itemType, bool isKey,
        params string[] textVectorAnnotations) =>
        (SchemaShape.Column)ColumnConstructor.Invoke(new object?[]
        {
            name, kind, itemType, isKey,
            textVectorAnnotations.Length == 0 ? null : new SchemaShape(textVectorAnnotations.Select(a =>
                (SchemaShape.Column)ColumnConstructor.Invoke(new object?[] { a, SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, false, null }))),
        });

    /// <summary><paramref name="input"/> plus <paramref name="added"/> (which replace same-named columns).</summary>
    public static SchemaShape Append(SchemaShape input, params SchemaShape.Column[] added)
    {
        var names = new HashSet<string>(added.Select(c => c.Name));
        return new SchemaShape(input.Where(c => !names.Contains(c.Name)).Concat(added));
    }

    /// <summary>Finds <paramref name="name"/> or throws naming it.</summary>
    public static SchemaShape.Column Require(SchemaShape shape, string name, string role)
    {
        foreach (var column in shape)
            if (column.Name == name)
                return column;
        throw new ArgumentOutOfRangeException(nameof(name),
            $"{role} column '{name}' was not found in the data. Columns present: {string.Join(", ", shape.Select(c => $"'{c.Name}'"))}.");
    }

    /// <summary>Throws unless <paramref name="column"/> is a known-size float vector (or a float scalar when allowed).</summary>
    public static void RequireFloatVector(SchemaShape.Column column, string role, bool allowScalar)
    {
        bool ok = column.ItemType == NumberDataViewType.Single && !column.IsKey &&
                  (column.Kind == SchemaShape.Column.VectorKind.Vector || (allowScalar && column.Kind == SchemaShape.Column.VectorKind.Scalar));
        if (!ok)
            throw new ArgumentException(
                $"{role} column '{column.Name}' is {column.Kind} of {column.ItemType}{(column.IsKey ? " (key)" : "")}; expected a known-size vector of Single.",
                column.Name);
    }
}
