using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Calc.Engine.WebConsole.Tests;

/// <summary>
/// Headless Debian chromium driven through /usr/bin/chromedriver. Both paths are given, so Selenium
/// Manager never runs and nothing is downloaded. Screenshots go to CALC_CONSOLE_SCREENSHOTS (default:
/// screenshots/ next to the test).
/// </summary>
internal sealed class Browser : IDisposable
{
    public const string ChromeDriver = "/usr/bin/chromedriver";
    public const string Chromium = "/usr/bin/chromium";

    public Browser()
    {
        Assert.True(File.Exists(ChromeDriver) && File.Exists(Chromium), $"the browser test needs Debian's chromium and chromium-driver ({Chromium}, {ChromeDriver}): test.sh installs them");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver), Path.GetFileName(ChromeDriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,2200");
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Shots = Environment.GetEnvironmentVariable("CALC_CONSOLE_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(Shots);
    }

    public ChromeDriver Driver { get; }

    public string Shots { get; }

    public IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));

    /// <summary>Waits (bounded) until <paramref name="done"/> returns a value; the browser's console log is in the failure.</summary>
    public T Wait<T>(Func<T?> done, string what, double seconds = 30)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (done() is { } value && (value is not bool b || b))
                {
                    return value;
                }
            }
            catch (NoSuchElementException)
            {
                // not there yet
            }
            catch (StaleElementReferenceException)
            {
                // redrawn meanwhile
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(seconds), $"{what} within {seconds} s; page text:\n{Driver.FindElement(By.TagName("body")).Text}");
            Thread.Sleep(100);
        }
    }

    /// <summary>Waits for the element and returns it.</summary>
    public IWebElement WaitFor(string css, string what, double seconds = 30) => Wait(() => Driver.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed), what, seconds);

    /// <summary>Clicks the element, found again if the page redrew it meanwhile (the pages redraw every 2 s).</summary>
    public void Click(string css, string what) => Wait(() =>
    {
        Find(css).Click();
        return true;
    }, what);

    public void Shot(string name) => Driver.GetScreenshot().SaveAsFile(Path.Combine(Shots, name + ".png"));

    /// <summary>Selects the characters of <paramref name="text"/> (its first occurrence) in a textarea, so that the next keys replace them.</summary>
    public void Select(IWebElement area, string text) =>
        Driver.ExecuteScript("const a = arguments[0], i = a.value.indexOf(arguments[1]); if (i < 0) throw new Error('no ' + arguments[1]); a.focus(); a.setSelectionRange(i, i + arguments[1].length);", area, text);

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
