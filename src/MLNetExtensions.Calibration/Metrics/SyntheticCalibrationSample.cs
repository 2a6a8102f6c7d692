using Microsoft.ML;

namespace MLNetExtensions.Calibration.Metrics;

/// <summary>Rows drawn by <see cref="SyntheticCalibrationData.Draw"/>: true probabilities, predictions and 0/1 labels.</summary>
public sealed class SyntheticCalibrationSample
{
    internal SyntheticCalibrationSample(double[] trueProbabilities, double[] probabilities, float[] labels)
    {
        TrueProbabilities = trueProbabilities;
        Probabilities = probabilities;
        Labels = labels;
    }

    /// <summary>Number of rows.</summary>
    public int Count => Labels.Length;

    /// <summary>The true P(y = 1 | x) of each row.</summary>
    public double[] TrueProbabilities { get; }

    /// <summary>The model's predicted P(y = 1) of each row.</summary>
    public double[] Probabilities { get; }

    /// <summary>The drawn labels, 0 or 1.</summary>
    public float[] Labels { get; }

    /// <summary>Mean squared error of the predictions to the true probabilities (unobservable in real data).</summary>
    public double MseToTrueProbability
    {
        get
        {
            double sum = 0;
            for (int i = 0; i < Count; i++)
            {
                double d = Probabilities[i] - TrueProbabilities[i];
                sum += d * d;
            }
            return sum / Count;
        }
    }

    /// <summary>One row of <see cref="ToDataView"/>.</summary>
    public sealed class Row
    {
        /// <summary>The drawn label.</summary>
        public bool Label { get; set; }

        /// <summary>The model's predicted P(y = 1).</summary>
        public float Probability { get; set; }

        /// <summary>The true P(y = 1 | x).</summary>
        public float TrueProbability { get; set; }
    }

    /// <summary>The rows as an <see cref="IDataView"/> with columns Label (Boolean), Probability and TrueProbability (Single).</summary>
    public IDataView ToDataView(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        var rows = new Row[Count];
        for (int i = 0; i < Count; i++)
            rows[i] = new Row { Label = Labels[i] == 1f, Probability = (float)Probabilities[i], TrueProbability = (float)TrueProbabilities[i] };
        return mlContext.Data.LoadFromEnumerable(rows);
    }
}
