using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Distillation.Teachers;
using MLNetExtensions.Distillation.Trainers;
using Xunit;

namespace MLNetExtensions.Tests.Distillation;

public class TeacherLogitsTests
{
    [Fact]
    public void BinaryTeacherProbabilityBecomesItsClippedLogit()
    {
        var ml = new MLContext(seed: 1);
        var data = DistillationTestData.Binary(ml, 200, seed: 1);
        var teacher = ml.BinaryClassification.Trainers.LightGbm(numberOfIterations: 20).Fit(data);
        var options = new DistillationOptions { TeacherProbabilityClip = 1e-3 };
        var logits = TeacherLogits.Query(teacher, data, 0, options);
        var p = teacher.Transform(data).GetColumn<float>("Probability").ToArray();
        Assert.Equal("Probability", logits.SourceColumn);
        Assert.Equal(1, logits.Width);
        Assert.Equal(200, logits.RowCount);
        for (int i = 0; i < p.Length; i++)
        {
            double q = Math.Clamp(p[i], 1e-3, 1 - 1e-3);
            Assert.Equal(Math.Log(q / (1 - q)), logits.Values[i], 5);
        }
    }

    [Fact]
    public void BinaryTeacherWithoutProbabilityUsesItsScoreAsLogit()
    {
        var ml = new MLContext(seed: 1);
        var data = DistillationTestData.Binary(ml, 100, seed: 1);
        var teacher = ml.Transforms.CopyColumns("Score", "TrueProbability").Fit(data);
        var logits = TeacherLogits.Query(teacher, data, 0, new DistillationOptions());
        Assert.Equal("Score", logits.SourceColumn);
        Assert.Equal(teacher.Transform(data).GetColumn<float>("Score").ToArray(), logits.Values);
    }

    [Fact]
    public void MulticlassTeacherProbabilitiesBecomeLogProbabilities()
    {
        var ml = new MLContext(seed: 1);
        var data = DistillationTestData.Multiclass(ml, 200, seed: 1);
        var teacher = ml.MulticlassClassification.Trainers.LightGbm(numberOfIterations: 10).Fit(data);
        var options = new DistillationOptions();
        var logits = TeacherLogits.Query(teacher, data, 3, options, data.Schema["Label"]);
        var scores = teacher.Transform(data).GetColumn<float[]>("Score").ToArray();
        Assert.Equal(3, logits.Width);
        for (int i = 0; i < scores.Length; i++)
            for (int k = 0; k < 3; k++)
                Assert.Equal(Math.Log(Math.Max(scores[i][k], 1e-6)), logits.Values[3 * i + k], 4);
    }
}
