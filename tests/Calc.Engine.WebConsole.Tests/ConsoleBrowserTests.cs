using System.Globalization;
using System.Text.Json;
using OpenQA.Selenium;

namespace Calc.Engine.WebConsole.Tests;

/// <summary>
/// The console in a real browser against a real <c>calc serve</c> (embedded broker) and the wind turbine's
/// real data: log in, new job from a template, a validation error at its field, fixed, a test run with its
/// trace, save and start, stop and start again, the live chart filling while the data is produced, stop;
/// a second version, its diff and a rollback; the packs page as an admin.
/// A screenshot of each page is written (docs/console/ holds the current ones).
/// </summary>
public sealed class ConsoleBrowserTests
{
    private static readonly string[] Wind = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "wind-3days.ndjson"));

    [Fact]
    public void ShouldTakeANewUserFromLoginToARunningJobWithALiveChart()
    {
        using var serve = new ServeProcess();
        using var browser = new Browser();
        var driver = browser.Driver;

        // The root redirects to the console, which asks for a token.
        driver.Navigate().GoToUrl(serve.Url + "/");
        Assert.Equal(serve.Url + "/console/#/login", browser.Wait(() => driver.Url.EndsWith("#/login", StringComparison.Ordinal) ? driver.Url : null, "the login page"));
        browser.Find("#token").SendKeys("calc_tok_wrong");
        browser.Find("#login").Click();
        Assert.Contains("the token is not known", browser.WaitFor("#login-error", "the API's refusal").Text, StringComparison.Ordinal);
        browser.Find("#token").Clear();
        browser.Find("#token").SendKeys(serve.Token);
        browser.Shot("login");
        browser.Find("#login").Click();
        browser.WaitFor("#jobs", "the jobs list");
        Assert.Contains("console-test · engineer · o1", browser.Find("#who").Text, StringComparison.Ordinal);

        // New job from the time-window-aggregation template; a wrong window is marked at settings.window.
        browser.Find("#nav a[href='#/new']").Click();
        browser.WaitFor("#template option[value='time-window-aggregation']", "the templates").Click();
        var editor = browser.Find("#job-json");
        Assert.Contains("\"window\": \"1h\"", editor.GetDomProperty("value"), StringComparison.Ordinal);
        browser.Wait(() => browser.Find("#validity").Text == "valid", "the template to validate");
        browser.Select(editor, "\"1h\"");
        editor.SendKeys("\"1 hour\"");
        var mark = browser.WaitFor("mark[data-path='settings.window']", "the problem marked at settings.window");
        Assert.Equal("\"window\": \"1 hour\"", mark.Text);
        var problem = browser.Find("#problems li[data-path='settings.window']").Text;
        Assert.Contains("settings.window line 6: '1 hour' is not a duration", problem, StringComparison.Ordinal);
        Assert.Single(driver.FindElements(By.CssSelector("#problems li")));
        browser.Shot("new-job-invalid");
        browser.Select(editor, "\"1 hour\"");
        editor.SendKeys("\"1h\"");
        browser.Wait(() => browser.Find("#validity").Text == "valid" && driver.FindElements(By.CssSelector("mark")).Count == 0, "the fix to validate");

        // Test the editor's job on the first two hours of T1 (13 times x 4 points): outputs for 00:00, 01:00 and,
        // at the end of the records, the 02:00 window; the 00:00 hour's average and its trace.
        var records = string.Join('\n', Wind.Take(52));
        driver.ExecuteScript("arguments[0].value = arguments[1];", browser.Find("#records"), records);
        browser.Find("#trace-asset").SendKeys("T1");
        browser.Find("#run-test").Click();
        var row = browser.WaitFor("#test-outputs tr", "the test's outputs");
        var cells = row.FindElements(By.TagName("td")).Select(c => c.Text).ToArray();
        Assert.Equal(["2018-01-01T00:00:00Z", "T1", "turbine::P_1H"], cells[..3]);
        Assert.Equal(FirstHourAverage(), double.Parse(cells[3], CultureInfo.InvariantCulture), 9);
        var trace = browser.Find("#test-trace").Text;
        Assert.Contains("2018-01-01T00:00:00Z T1 turbine::ActivePower = 380.0477905  #0 time-window-aggregation passed", trace, StringComparison.Ordinal);
        Assert.Contains("output turbine::P_1H @ ", trace, StringComparison.Ordinal);
        Assert.Contains("read 52, outputs 3", browser.Find("#test-summary").Text, StringComparison.Ordinal);
        browser.Shot("new-job-test");

        // Save and start: the job's page; stop and start it with its buttons.
        browser.Find("#save").Click();
        browser.Wait(() => driver.Url.EndsWith("#/job/wind-hourly", StringComparison.Ordinal), "the job's page");
        WaitState(browser, "running");
        browser.Click(".controls button.stop", "the stop button");
        WaitState(browser, "stopped");
        browser.Click(".controls button.start", "the start button");
        WaitState(browser, "running");
        Assert.Contains("no records read yet: produce point records to the topic points", browser.WaitFor("#job-hint", "the hint to produce records").Text, StringComparison.Ordinal);

        // The live chart fills while the wind data is produced to the embedded broker.
        browser.Find("#chart-start").Click();
        browser.Wait(() => browser.Find("#chart-count").GetDomAttribute("data-live") == "1", "the live tap to attach");
        var file = Path.Combine(serve.DataDir, "wind.ndjson");
        File.WriteAllLines(file, Wind);
        using var produce = serve.Start("produce", file, "--topic", "points", "--bootstrap-servers", serve.Broker, "--rate", "150");
        browser.Wait(() => Count(browser, "data-inputs") >= 60 && Count(browser, "data-outputs") >= 5, "points in the live chart", 60);
        Assert.NotEmpty(driver.FindElements(By.CssSelector("#chart .uplot canvas")));
        Assert.Contains("none", browser.Find("#rule-errors").Text, StringComparison.Ordinal);
        Assert.True(produce.WaitForExit(TimeSpan.FromSeconds(60)), "calc produce did not end");
        browser.Wait(() => browser.Find("#job-state").Text.Contains("read 1,732", StringComparison.Ordinal), "the job to read every record");
        Assert.False(browser.Find("#job-hint").Displayed);
        browser.Shot("job");

        browser.Click(".controls button.stop", "the stop button");
        WaitState(browser, "stopped");

        // A second version with a 30-minute window, its diff, and a rollback to the first (saved as version 3).
        editor = browser.Find("#job-json");
        browser.Select(editor, "\"1h\"");
        editor.SendKeys("\"30m\"");
        browser.Wait(() => browser.Find("#validity").Text == "valid", "the change to validate");
        browser.Find("#save").Click();
        Assert.Equal("saved as version 2", browser.WaitFor("#job-error.note", "the save note").Text);
        Assert.Contains("settings.window: \"1h\" → \"30m\"", browser.WaitFor("#versions tr[data-version='2']", "version 2").Text, StringComparison.Ordinal);
        browser.Click("#versions tr[data-version='1'] button.rollback", "the rollback button of version 1");
        Assert.Contains("settings.window: \"30m\" → \"1h\"", browser.WaitFor("#versions tr[data-version='3']", "version 3").Text, StringComparison.Ordinal);
        WaitState(browser, "stopped");

        browser.Find("#nav a[href='#/jobs']").Click();
        browser.Wait(() => browser.Find("#jobs tr[data-job='wind-hourly']").Text is var row && row.StartsWith("wind-hourly 3 stopped 1,732", StringComparison.Ordinal) && row.Contains("Roll back to v2", StringComparison.Ordinal), "the stopped job, version 3, with every record read");
        browser.Shot("jobs");

        // Packs are for admins: no link for the engineer; an admin of o1 sees the built-in packs and which of o1's jobs use them.
        Assert.Empty(driver.FindElements(By.CssSelector("#nav a[href='#/packs']")));
        browser.Click("#logout", "the log-out button");
        browser.WaitFor("#token", "the login page").SendKeys(serve.AdminToken);
        browser.Find("#login").Click();
        browser.WaitFor("#nav a[href='#/packs']", "the packs link").Click();
        var pack = browser.WaitFor("#packs tr[data-pack='calc.templates.windows']", "the windows pack").Text;
        Assert.Contains("wind-hourly (time-window-aggregation)", pack, StringComparison.Ordinal);
        Assert.Contains("no job", browser.Find("#packs tr[data-pack='calc.templates.energy']").Text, StringComparison.Ordinal);

        // Install a pack from a zip, see it listed, remove it again.
        var zip = Path.Combine(Path.GetTempPath(), "calc-console-pack-" + Guid.NewGuid().ToString("N") + ".zip");
        System.IO.Compression.ZipFile.CreateFromDirectory(Path.Combine(AppContext.BaseDirectory, "TestPlugins", "VersionedPluginV1"), zip);
        browser.Find("#pack-file").SendKeys(zip);
        browser.Find("#pack-install").Click();
        Assert.StartsWith("installed test.versioned 1.0.0", browser.WaitFor("#packs-note:not([hidden])", "the install note").Text, StringComparison.Ordinal);
        Assert.Contains("test.versioned", browser.WaitFor("#packs tr[data-pack='test.versioned']", "the installed pack").Text, StringComparison.Ordinal);
        browser.Shot("packs");
        browser.Click("#packs tr[data-pack='test.versioned'] button.remove", "the remove button");
        browser.Wait(() => driver.FindElements(By.CssSelector("#packs tr[data-pack='test.versioned']")).Count == 0, "the removed pack to go");
        File.Delete(zip);
    }

    private static void WaitState(Browser browser, string state) =>
        browser.Wait(() => browser.Find("#job-state").GetDomAttribute("data-state") == state, "job state " + state);

    private static int Count(Browser browser, string attribute) =>
        int.Parse(browser.Find("#chart-count").GetDomAttribute(attribute) ?? "0", CultureInfo.InvariantCulture);

    /// <summary>The average of T1's ActivePower in [0,3700] from 00:00 to before 01:00, as the template computes it.</summary>
    private static double FirstHourAverage()
    {
        var values = Wind.Take(52).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("pointId").GetString() == "ActivePower" && r.GetProperty("time").GetInt64() < 1_514_768_400_000)
            .Select(r => r.GetProperty("value").GetDouble())
            .Where(v => v is >= 0 and <= 3700)
            .ToList();
        Assert.Equal(6, values.Count);
        return values.Average();
    }
}
