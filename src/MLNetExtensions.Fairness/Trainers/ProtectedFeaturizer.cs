using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;

namespace MLNetExtensions.Fairness.Trainers;

/// <summary>
/// For <see cref="FairTrainerOptions.IncludeProtectedAsFeatures"/>: ordinary ML.NET transforms that turn each
/// protected column into floats (text one-hot, key indicator vector, numbers and Booleans converted) and concatenate
/// them after the features, so the saved chain rebuilds the same inputs at scoring time.
/// </summary>
internal static class ProtectedFeaturizer
{
    public static string OutputColumnName(FairTrainerOptions options) => options.FeatureColumnName + ".WithProtected";

    public static ITransformer Fit(MLContext mlContext, IDataView trainData, FairTrainerOptions options, out string outputColumnName)
    {
        outputColumnName = OutputColumnName(options);
        var parts = new List<string> { options.FeatureColumnName };
        IEstimator<ITransformer>? pipeline = null;
        foreach (var name in options.ProtectedColumnNames)
        {
            var column = ColumnInfo.Require(trainData.Schema, name, "Protected");
            string encoded = $"{name}.Encoded";
            IEstimator<ITransformer> step = column.Type switch
            {
                TextDataViewType => mlContext.Transforms.Categorical.OneHotEncoding(encoded, name),
                KeyDataViewType => mlContext.Transforms.Conversion.MapKeyToVector(encoded, name),
                _ when column.Type == BooleanDataViewType.Instance || column.Type is NumberDataViewType =>
                    mlContext.Transforms.Conversion.ConvertType(encoded, name, DataKind.Single),
                _ => throw new ArgumentException($"Protected column '{name}' has type {column.Type}; expected a number, Boolean, text or key.", name),
            };
            pipeline = pipeline is null ? step : pipeline.Append(step);
            parts.Add(encoded);
        }
        var concatenate = mlContext.Transforms.Concatenate(outputColumnName, parts.ToArray());
        var full = pipeline is null ? (IEstimator<ITransformer>)concatenate : pipeline.Append(concatenate);
        return full.Fit(trainData);
    }
}
