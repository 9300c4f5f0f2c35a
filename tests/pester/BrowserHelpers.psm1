# Looks at an HTML file the way a person would: headless Chromium renders it to a PNG, and the PNG's pixels are read
# back (a small decoder: 8-bit RGB/RGBA, non-interlaced, the form Chromium writes) to prove the page is not blank.
Set-StrictMode -Version 3.0

function Get-ChromiumPath {
    foreach ($candidate in '/usr/bin/chromium', '/usr/bin/chromium-browser') { if (Test-Path $candidate) { return $candidate } }
    throw 'Chromium is not installed: build.ps1 Test installs it (apt-get install chromium).'
}

# Renders $HtmlPath to $PngPath at the given window size; returns the PNG path. Offline flags as the machine notes say:
# without them Chromium keeps trying to reach Google's hosts.
function Save-PageScreenshot([string] $HtmlPath, [string] $PngPath, [int] $Width = 1280, [int] $Height = 1600) {
    $profileDir = Join-Path ([IO.Path]::GetTempPath()) ("ssm-chromium-" + [guid]::NewGuid())
    # [uri] casts a Unix path to a relative URI; the constructor makes it the file:// URL Chromium needs.
    $url = [uri]::new((Resolve-Path -LiteralPath $HtmlPath).ProviderPath).AbsoluteUri
    try {
        $arguments = @('--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--hide-scrollbars', "--user-data-dir=$profileDir", "--window-size=$Width,$Height",
            "--screenshot=$PngPath", $url)
        $log = & (Get-ChromiumPath) @arguments 2>&1 | ForEach-Object { "$_" } | Where-Object { $_ -notmatch 'dbus' }
        if (-not (Test-Path $PngPath)) { throw "Chromium wrote no screenshot of $url (exit $LASTEXITCODE): $($log -join ' | ')" }
        $PngPath
    }
    finally { Remove-Item $profileDir -Recurse -Force -ErrorAction SilentlyContinue }
}

# Pixels of a PNG: Width, Height, and a function-free summary — how many pixels are not (near) white, and how many
# pixels have each of the given exact colours ('#rrggbb').
function Measure-PngPixel([string] $Path, [string[]] $Colour = @()) {
    $bytes = [IO.File]::ReadAllBytes($Path)
    if ($bytes.Length -lt 8 -or $bytes[1] -ne 0x50 -or $bytes[2] -ne 0x4E -or $bytes[3] -ne 0x47) { throw "$Path is not a PNG." }
    $pos = 8; $idat = [IO.MemoryStream]::new(); $width = 0; $height = 0; $colourType = 0
    while ($pos -lt $bytes.Length) {
        $length = ([int]$bytes[$pos] -shl 24) -bor ([int]$bytes[$pos + 1] -shl 16) -bor ([int]$bytes[$pos + 2] -shl 8) -bor $bytes[$pos + 3]
        $type = [Text.Encoding]::ASCII.GetString($bytes, $pos + 4, 4)
        $data = $pos + 8
        if ($type -eq 'IHDR') {
            $width = ([int]$bytes[$data] -shl 24) -bor ([int]$bytes[$data + 1] -shl 16) -bor ([int]$bytes[$data + 2] -shl 8) -bor $bytes[$data + 3]
            $height = ([int]$bytes[$data + 4] -shl 24) -bor ([int]$bytes[$data + 5] -shl 16) -bor ([int]$bytes[$data + 6] -shl 8) -bor $bytes[$data + 7]
            if ($bytes[$data + 8] -ne 8 -or $bytes[$data + 12] -ne 0) { throw 'Only 8-bit, non-interlaced PNGs are read.' }
            $colourType = $bytes[$data + 9]
        }
        elseif ($type -eq 'IDAT') { $idat.Write($bytes, $data, $length) }
        elseif ($type -eq 'IEND') { break }
        $pos = $data + $length + 4
    }
    $channels = switch ($colourType) { 2 { 3 } 6 { 4 } default { throw "PNG colour type $colourType is not read." } }
    $idat.Position = 0
    $inflated = [IO.MemoryStream]::new()
    $zlib = [IO.Compression.ZLibStream]::new($idat, [IO.Compression.CompressionMode]::Decompress)
    $zlib.CopyTo($inflated); $zlib.Dispose()
    $raw = $inflated.ToArray()
    # The per-row unfiltering and counting run as compiled code: a 1280x1600 screenshot is 2 million pixels.
    if (-not ('SsmTests.PngRows' -as [type])) {
        Add-Type -TypeDefinition @'
namespace SsmTests {
    public static class PngRows {
        public static long[] Count(byte[] raw, int width, int height, int channels, int[] colours) {
            int stride = width * channels; var prev = new byte[stride]; var cur = new byte[stride];
            long nonWhite = 0; var hits = new long[colours.Length + 1];
            for (int y = 0; y < height; y++) {
                int f = raw[y * (stride + 1)]; int o = y * (stride + 1) + 1;
                for (int i = 0; i < stride; i++) {
                    int a = i >= channels ? cur[i - channels] : 0, b = prev[i], c = i >= channels ? prev[i - channels] : 0, x = raw[o + i];
                    switch (f) {
                        case 1: x += a; break; case 2: x += b; break; case 3: x += (a + b) / 2; break;
                        case 4: int p = a + b - c, pa = System.Math.Abs(p - a), pb = System.Math.Abs(p - b), pc = System.Math.Abs(p - c); x += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; break;
                    }
                    cur[i] = (byte)x;
                }
                for (int px = 0; px < width; px++) {
                    int r = cur[px * channels], g = cur[px * channels + 1], bl = cur[px * channels + 2];
                    if (r < 240 || g < 240 || bl < 240) nonWhite++;
                    int rgb = (r << 16) | (g << 8) | bl;
                    for (int k = 0; k < colours.Length; k++) if (colours[k] == rgb) hits[k]++;
                }
                var t = prev; prev = cur; cur = t;
            }
            hits[colours.Length] = nonWhite; return hits;
        }
    }
}
'@
    }
    $wanted = [int[]]@($Colour | ForEach-Object { [Convert]::ToInt32($_.TrimStart('#'), 16) })
    $counts = [SsmTests.PngRows]::Count($raw, $width, $height, $channels, $wanted)
    $byColour = @{}
    for ($i = 0; $i -lt $Colour.Count; $i++) { $byColour[$Colour[$i]] = $counts[$i] }
    [pscustomobject]@{ Width = $width; Height = $height; NonWhiteFraction = $counts[$Colour.Count] / [double]($width * $height); ColourPixels = $byColour }
}

Export-ModuleMember -Function Save-PageScreenshot, Measure-PngPixel, Get-ChromiumPath
