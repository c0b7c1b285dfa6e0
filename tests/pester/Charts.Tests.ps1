BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Dir = New-TestFolder
    $script:Telemetry = Import-Dataset (Join-Path $ExamplesData 'telemetry_sample.csv')
    $script:Iris = Import-Dataset (Join-Path $ExamplesData 'iris.csv')

    # 'WIDTHxHEIGHT' from a PNG's IHDR chunk (big-endian at bytes 16 and 20).
    function Get-PngSize([string] $Path) {
        $b = [System.IO.File]::ReadAllBytes($Path)
        [System.Text.Encoding]::ASCII.GetString($b, 1, 3) | Should -Be 'PNG'
        [System.Text.Encoding]::ASCII.GetString($b, 12, 4) | Should -Be 'IHDR'
        $int32 = { param($at) ([int]$b[$at] -shl 24) -bor ([int]$b[$at + 1] -shl 16) -bor ([int]$b[$at + 2] -shl 8) -bor [int]$b[$at + 3] }
        '{0}x{1}' -f (& $int32 16), (& $int32 20)
    }

    # Pixels are read with SkiaSharp, which the module ships (loaded once a chart has been drawn).
    $Telemetry | Export-DataChart -Kind Histogram -Column cpu_pct -Path (Join-Path $Dir 'first.png')
    function Read-Png([string] $Path) { [SkiaSharp.SKBitmap]::Decode($Path) }

    # The share of an 80x50 thumbnail's cells that are coloured (channels apart by more than 24): the data. A plot with
    # nothing in it draws only greys (white, grid, frame, black ticks), so its share is 0.
    function Get-ColouredShare($Bitmap) {
        $small = $Bitmap.Resize([SkiaSharp.SKImageInfo]::new(80, 50), [SkiaSharp.SKFilterQuality]::Medium)
        try {
            $coloured = 0
            foreach ($c in $small.Pixels) {
                if ([math]::Max($c.Red, [math]::Max($c.Green, $c.Blue)) - [math]::Min($c.Red, [math]::Min($c.Green, $c.Blue)) -gt 24) { $coloured++ }
            }
            $coloured / 4000
        }
        finally { $small.Dispose() }
    }

    # Whether any pixel of two same-size pictures differs inside a band (fractions of width and height).
    $script:Bands = @{
        Title = 0.15, 0.85, 0.0, 0.08     # the title, centred above the plot
        XTitle = 0.2, 0.8, 0.93, 1.0      # the x-axis title, under the tick labels
        YTitle = 0.0, 0.05, 0.2, 0.8      # the y-axis title, rotated, left of the tick labels
        Plot = 0.1, 0.97, 0.1, 0.9        # the data area and the tick labels
    }
    function Test-BandDiffers($A, $B, [double[]] $Band) {
        $w = $A.Width; $pa = $A.Bytes; $pb = $B.Bytes
        $x0 = [int]($Band[0] * $w); $length = ([int]($Band[1] * $w) - $x0) * 4
        for ($y = [int]($Band[2] * $A.Height); $y -lt [int]($Band[3] * $A.Height); $y++) {
            $offset = ($y * $w + $x0) * 4
            if (-not [System.Linq.Enumerable]::SequenceEqual([ArraySegment[byte]]::new($pa, $offset, $length), [ArraySegment[byte]]::new($pb, $offset, $length))) { return $true }
        }
        $false
    }

    # The control: an empty ScottPlot plot of the same size (frame, grid and ticks, no data, no titles).
    $script:BlankPath = Join-Path $Dir 'blank.png'
    $null = [ScottPlot.Plot]::new().SavePng($BlankPath, 800, 500)
}
AfterAll { Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

Describe 'Export-DataChart' {
    It 'measures a blank render as blank (the control for the checks below)' {
        $blank = Read-Png $BlankPath
        try { Get-ColouredShare $blank | Should -Be 0 } finally { $blank.Dispose() }
    }

    # Each chart is drawn twice: as asked, and with its columns renamed (or another -Title). The data must show
    # (coloured pixels, which a blank render has none of), and exactly the titles that name a renamed column must
    # change: if text were not drawn (no font), the two pictures would be identical.
    It 'draws a <Kind> chart with its data and its titles' -ForEach @(
        @{ Kind = 'Histogram'; Data = 'Telemetry'; Column = @('cpu_pct'); GroupBy = $null; Renamed = @{ cpu_pct = 'cpu_percent_of_host' }; Changed = 'Title', 'XTitle' }
        @{ Kind = 'Box'; Data = 'Telemetry'; Column = @('power_w'); GroupBy = 'region'; Renamed = @{ power_w = 'power_in_watts'; region = 'site_region' }; Changed = 'Title', 'XTitle', 'YTitle' }
        @{ Kind = 'Bar'; Data = 'Telemetry'; Column = @('owner_email'); GroupBy = $null; Renamed = @{ owner_email = 'owner_address' }; Changed = 'Title', 'YTitle' }
        @{ Kind = 'TimeSeries'; Data = 'Telemetry'; Column = @('timestamp', 'gpu_pct'); GroupBy = 'region'; Renamed = @{ timestamp = 'sample_time'; gpu_pct = 'gpu_busy_percent' }; Changed = 'Title', 'XTitle', 'YTitle' }
        @{ Kind = 'Scatter'; Data = 'Iris'; Column = @('petal length (cm)', 'petal width (cm)'); GroupBy = 'target_name'; Renamed = @{ 'petal length (cm)' = 'petal_length'; 'petal width (cm)' = 'petal_width' }; Changed = 'Title', 'XTitle', 'YTitle' }
        @{ Kind = 'CorrelationHeatmap'; Data = 'Iris'; Column = $null; GroupBy = $null; Renamed = $null; Changed = @('Title') }
    ) {
        $path = Join-Path $Dir "$Kind.png"
        $params = @{ Kind = $Kind; Path = $path; PassThru = $true }
        if ($Column) { $params.Column = $Column }
        if ($GroupBy) { $params.GroupBy = $GroupBy }
        $file = (Get-Variable $Data -ValueOnly) | Export-DataChart @params
        $file | Should -BeOfType System.IO.FileInfo
        $file.FullName | Should -Be $path
        Get-PngSize $path | Should -Be '800x500'

        $other = Join-Path $Dir "$Kind-other.png"
        $params.Path = $other
        if ($Renamed) {
            $dataset = (Get-Variable $Data -ValueOnly) | Rename-DataColumn -NewName $Renamed
            if ($Column) { $params.Column = @($Column | ForEach-Object { $Renamed[$_] }) }
            if ($GroupBy -and $Renamed.ContainsKey($GroupBy)) { $params.GroupBy = $Renamed[$GroupBy] }
        }
        else {
            $dataset = Get-Variable $Data -ValueOnly
            $params.Title = 'Another title'
        }
        $null = $dataset | Export-DataChart @params
        $picture = Read-Png $path
        $second = Read-Png $other
        try {
            Get-ColouredShare $picture | Should -BeGreaterThan 0.005 -Because 'the data is drawn in colour'
            foreach ($band in 'Title', 'XTitle', 'YTitle') {
                Test-BandDiffers $picture $second $Bands[$band] | Should -Be ($band -in $Changed) -Because "the $band band changes only when the text in it does"
            }
            Test-BandDiffers $picture $second $Bands.Plot | Should -BeFalse -Because 'the data and ticks are the same'
        }
        finally { $picture.Dispose(); $second.Dispose() }
    }

    It 'writes SVG with the title, at the asked size' {
        Export-DataChart -Dataset $Iris -Kind Histogram -Column 'sepal length (cm)' -Path (Join-Path $Dir 'sepal.svg') -Width 1000 -Height 400 -Title 'Sepal length'
        [xml] $svg = Get-Content -Raw (Join-Path $Dir 'sepal.svg')
        $svg.DocumentElement.LocalName | Should -Be 'svg'
        $svg.DocumentElement.width | Should -Be '1000'
        $svg.DocumentElement.InnerText | Should -Match 'Sepal length'
    }

    It '-WhatIf writes nothing' {
        $path = Join-Path $Dir 'whatif.png'
        $Telemetry | Export-DataChart -Kind Histogram -Column cpu_pct -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
    }

    It 'does not overwrite without -Force' {
        $path = Join-Path $Dir 'kept.png'
        Set-Content -Path $path -Value 'old'
        $Telemetry | Export-DataChart -Kind Histogram -Column cpu_pct -Path $path -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FileExists,*'
        Get-Content $path | Should -Be 'old'
        $Telemetry | Export-DataChart -Kind Histogram -Column cpu_pct -Path $path -Force
        Get-PngSize $path | Should -Be '800x500'
    }

    It 'reports <Id> by ErrorId and writes nothing' -ForEach @(
        @{ Id = 'ColumnNotFound'; Column = @('nope'); Kind = 'Histogram'; File = 'a.png' }
        @{ Id = 'ColumnNotNumeric'; Column = @('region'); Kind = 'Histogram'; File = 'b.png' }
        @{ Id = 'UnsupportedChartFormat'; Column = @('cpu_pct'); Kind = 'Histogram'; File = 'c.jpg' }
        @{ Id = 'ChartColumnCount'; Column = @('cpu_pct'); Kind = 'Scatter'; File = 'd.png' }
    ) {
        $path = Join-Path $Dir $File
        $Telemetry | Export-DataChart -Kind $Kind -Column $Column -Path $path -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike "DataCenterTools.$Id,*"
        Test-Path $path | Should -BeFalse
    }
}

Describe 'Export-DataReport' {
    It 'writes one self-contained HTML file with every section' {
        $file = $Telemetry | Export-DataReport -Path (Join-Path $Dir 'telemetry.html') -Reference $Telemetry -PassThru -WarningAction SilentlyContinue
        $html = Get-Content -Raw $file.FullName
        # Checked with -match on the text (not Should -Match), so a failure does not print the whole report.
        $html -match 'https?://' | Should -BeFalse
        $html.Contains('src="//') | Should -BeFalse
        foreach ($id in 'overview', 'alerts', 'columns', 'missing', 'correlations', 'drift') { $html.Contains("<section id=`"$id`">") | Should -BeTrue -Because "the report has a $id section" }
        # telemetry_sample: 720 rows, 12 columns; pandas: gpu_pct~power_w r = 0.958 is flagged; a dataset never drifts from itself
        # (11 columns compared: the DateTime timestamp is skipped).
        $html.Contains('<th>Rows</th><td>720</td>') | Should -BeTrue
        $html.Contains('HighCorrelation</td><td>gpu_pct, power_w') | Should -BeTrue
        $html.Contains('0 of 11 columns drifted') | Should -BeTrue
    }

    It 'escapes values from the data' {
        $ds = [pscustomobject]@{ name = '<script>alert(1)</script>'; n = 1 }, [pscustomobject]@{ name = 'b&b'; n = 2 } | ConvertTo-Dataset
        $ds | Export-DataReport -Path (Join-Path $Dir 'escape.html')
        $html = Get-Content -Raw (Join-Path $Dir 'escape.html')
        $html.Contains('<script>') | Should -BeFalse
        $html.Contains('&lt;script&gt;alert(1)&lt;/script&gt;') | Should -BeTrue
        $html.Contains('b&amp;b') | Should -BeTrue
    }

    It '-WhatIf writes nothing and an existing report needs -Force' {
        $path = Join-Path $Dir 'iris.html'
        $Iris | Export-DataReport -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
        Set-Content -Path $path -Value 'old'
        $Iris | Export-DataReport -Path $path -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.FileExists,*'
        Get-Content $path | Should -Be 'old'
        $Iris | Export-DataReport -Path $path -Force
        (Get-Content -Raw $path).Contains('Data report: iris') | Should -BeTrue
    }

    It 'reports an unwritable report path (its folder is a file) as a clear error and writes nothing' {
        $file = Join-Path $Dir 'not-a-folder.txt'
        Set-Content -Path $file -Value 'x'
        $Iris | Export-DataReport -Path (Join-Path $file 'report.html') -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DataCenterTools.DirectoryNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-Content $file | Should -Be 'x'
    }
}
