using Pipeline.Core.Model;

namespace Pipeline.Core.Tests.Parsing;

/// <summary>Bodies written as one line, as web archives keep them: headings glued to the text, the signature at the end.</summary>
public class OneLineBodyTests
{
    private const string Body =
        "青岚县人民政府2011年政府信息公开工作年度报告 本报告根据《中华人民共和国政府信息公开条例》编制，由概述、主动公开政府信息情况等部分组成。" +
        "一、 概述 2011年，我县把政府信息公开作为转变政府职能的重要抓手，对各单位的工作进行监督和指导。" +
        "二、主动公开政府信息情况（一）主动公开政府信息的数量全县各单位全年主动公开信息4251条，其中网站公开4181条。" +
        "三、政府信息依申请公开工作情况2011年，全县未收到政府信息公开申请。" +
        "四、政府信息公开工作存在的主要问题及改进情况一是公开内容还不够全面；二是更新还不够及时。 青岚县人民政府办公室 二○一二年二月二十日 " +
        "附件1：青岚县人民政府2011年政府信息公开情况统计表 指标名称计量单位2011年度主动公开信息数条4251";

    [Fact]
    public void Sections_glued_to_their_text_are_found_and_the_signature_read()
    {
        var analysis = TestFiles.AnalyzeText(Body + "\n");
        var top = analysis.Document.Headings.Where(h => h.Level == 1).Select(h => h.DisplayText).ToList();
        Assert.Equal(["一、概述", "二、主动公开政府信息情况", "三、政府信息依申请公开工作情况", "四、政府信息公开工作存在的主要问题及改进情况"], top);
        Assert.Equal("青岚县人民政府", analysis.Metadata.Publisher.Value);
        Assert.Equal(MetadataSource.Inferred, analysis.Metadata.Publisher.Source);
        Assert.Equal(new DateOnly(2012, 2, 20), analysis.Metadata.GeneratedDate.Value);
        Assert.Equal(["青岚县人民政府办公室"], analysis.Document.Signature!.Organisations);
        Assert.Contains(analysis.Document.Blocks, b => b is AttachmentNote);
    }

    [Fact]
    public void Template_table_rows_are_never_sections()
    {
        var analysis = TestFiles.AnalyzeText("白石镇2021年政府信息公开工作年度报告\n一、总体情况\n全年公开信息12条。\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n二、上年结转政府信息公开申请数量\n四、结转下年度继续办理 0\n");
        Assert.Equal(["一、总体情况", "三、收到和处理政府信息公开申请情况"], analysis.Document.Headings.Select(h => h.DisplayText));
    }

    [Fact]
    public void Numbering_that_starts_again_inside_a_section_is_nested()
    {
        var analysis = TestFiles.AnalyzeText("东陵市司法局2025年部门预算\n一、部门主要职能\n负责全市司法行政工作。\n二、部门预算编制说明\n收入预算如下：\n一、财政拨款收入\n1000万元。\n二、事业收入\n0万元。\n三、部门预算表\n详见附表。\n");
        Assert.Equal(["一、部门主要职能", "二、部门预算编制说明", "三、部门预算表"], analysis.Document.Headings.Where(h => h.Level == 1).Select(h => h.DisplayText));
        Assert.Equal(2, analysis.Document.Headings.Single(h => h.Text == "财政拨款收入").Level);
    }
}
