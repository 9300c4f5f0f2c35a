# Finds the ErrorIds the shipped code can raise, by reading the C# source (no build needed), so a test can check
# that each one is documented in some cmdlet's '## ERRORS'. The rule (what counts as raising an id):
#
#   1. The error-id catalogues: every 'const string' declared in a class whose name ends in 'ErrorIds'
#      (e.g. DeviceErrorIds). Ids that flow through tables and helpers (Rule("% Invalid input", X), Refuse(X, ...))
#      are only visible here, so keep ids in such a catalogue.
#   2. An id passed, as a string literal, a constant or nameof(X), as
#        - the first argument of  new SsmOnPremException(...)  or  new <subclass>(...)  whose constructor's first
#          parameter is 'string errorId'
#        - the first argument of  ErrorRecords.Create(...)
#        - the second argument of new ErrorRecord(exception, ...)
#        - the first argument of  : base(...)  in a class deriving (directly or not) from SsmOnPremException.
#      Constants resolve through 'const string Name = "Value"' anywhere in the scanned source ('Class.Name' first).
#      Arguments starting with a lower-case letter (errorId, ex.ErrorId) only pass an id through: not counted.
#
# Scanned: src/**/*.cs except bin/, obj/ and src/SsmOnPrem.Lab* (the emulator never reaches a user).
# An id computed at run time any other way is invisible to this scan: don't do that.

Set-StrictMode -Version 3.0

function Get-SourceFile([string] $RepoRoot) {
    Get-ChildItem (Join-Path $RepoRoot 'src') -Recurse -Filter '*.cs' -File |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' -and $_.FullName -notmatch '[\\/]SsmOnPrem\.Lab[^\\/]*[\\/]' } |
        ForEach-Object {
            [pscustomobject]@{
                File = [IO.Path]::GetRelativePath($RepoRoot, $_.FullName).Replace('\', '/')
                Text = [IO.File]::ReadAllText($_.FullName)
            }
        }
}

# The name of the class whose declaration is nearest above a position (good enough for one class per block).
function Get-EnclosingClass([string] $Text, [int] $Index) {
    $match = [regex]::Matches($Text.Substring(0, $Index), '\bclass\s+(\w+)') | Select-Object -Last 1
    if ($match) { $match.Groups[1].Value }
}

function Get-RaisedErrorId {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $RepoRoot)

    $sources = @(Get-SourceFile $RepoRoot)

    $constants = @{}          # 'Name' and 'Class.Name' -> value
    $catalogue = [System.Collections.Generic.List[object]]::new()
    $bases = @{}              # class -> base class (last segment)
    foreach ($s in $sources) {
        foreach ($m in [regex]::Matches($s.Text, 'const\s+string\s+(\w+)\s*=\s*"([^"]*)"')) {
            $class = Get-EnclosingClass $s.Text $m.Index
            $constants[$m.Groups[1].Value] = $m.Groups[2].Value
            if ($class) { $constants["$class.$($m.Groups[1].Value)"] = $m.Groups[2].Value }
            if ($class -like '*ErrorIds') { $catalogue.Add(@{ Id = $m.Groups[2].Value; File = $s.File }) }
        }
        foreach ($m in [regex]::Matches($s.Text, '\bclass\s+(\w+)\s*:\s*([\w.]+)')) { $bases[$m.Groups[1].Value] = $m.Groups[2].Value.Split('.')[-1] }
    }
    $derivesFromSsmException = {
        param($class)
        for ($c = $class; $c -and $bases.ContainsKey($c); $c = $bases[$c]) { if ($bases[$c] -eq 'SsmOnPremException') { return $true } }
        return $false
    }
    # Exception classes whose constructor takes the id first: new X("Id", ...) raises "Id".
    $takesIdFirst = [System.Collections.Generic.HashSet[string]]::new([string[]]@('SsmOnPremException'))
    foreach ($s in $sources) {
        foreach ($m in [regex]::Matches($s.Text, '\b(?:public|internal|protected|private)\s+(\w+)\s*\(\s*string\s+errorId\b')) {
            if (& $derivesFromSsmException $m.Groups[1].Value) { $null = $takesIdFirst.Add($m.Groups[1].Value) }
        }
    }

    # One argument, up to a comma, with balanced parentheses (new X(a, b) is one argument).
    $skipArgument = '(?:[^(),;]|\((?>[^()]+|\((?<n>)|\)(?<-n>))*(?(n)(?!))\))+'
    $argument = '("(?<literal>[^"]*)"|nameof\((?:[\w.]+\.)?(?<nameof>\w+)\)|(?<constant>[A-Za-z_][\w.]*))'
    $patterns = @(
        @{ Kind = 'new'; Regex = "new\s+(?<class>\w+)\s*\(\s*$argument\s*[,)]" }
        @{ Kind = 'create'; Regex = "ErrorRecords\.Create\s*\(\s*$argument\s*[,)]" }
        @{ Kind = 'record'; Regex = "new\s+ErrorRecord\s*\(\s*$skipArgument,\s*$argument\s*[,)]" }
        @{ Kind = 'base'; Regex = ":\s*base\s*\(\s*$argument\s*[,)]" }
    )

    $raised = [ordered]@{}
    $add = {
        param($id, $file)
        if (-not $raised.Contains($id)) { $raised[$id] = [System.Collections.Generic.List[string]]::new() }
        if (-not $raised[$id].Contains($file)) { $raised[$id].Add($file) }
    }
    foreach ($entry in $catalogue) { & $add $entry.Id $entry.File }
    foreach ($s in $sources) {
        foreach ($pattern in $patterns) {
            foreach ($m in [regex]::Matches($s.Text, $pattern.Regex)) {
                if ($pattern.Kind -eq 'new' -and -not $takesIdFirst.Contains($m.Groups['class'].Value)) { continue }
                if ($pattern.Kind -eq 'base' -and -not (& $derivesFromSsmException (Get-EnclosingClass $s.Text $m.Index))) { continue }
                $id = if ($m.Groups['literal'].Success) { $m.Groups['literal'].Value }
                elseif ($m.Groups['nameof'].Success) { $m.Groups['nameof'].Value }
                else {
                    $expression = $m.Groups['constant'].Value
                    if ($expression -cmatch '^[a-z_]') { continue }   # a local or parameter passing an id through
                    $segments = $expression.Split('.')
                    $qualified = if ($segments.Count -ge 2) { "$($segments[-2]).$($segments[-1])" } else { $expression }
                    if ($constants.ContainsKey($qualified)) { $constants[$qualified] }
                    elseif ($constants.ContainsKey($segments[-1])) { $constants[$segments[-1]] }
                    else { "<unresolved constant $expression>" }
                }
                & $add $id $s.File
            }
        }
    }
    foreach ($key in $raised.Keys) { [pscustomobject]@{ Id = $key; Files = @($raised[$key]) } }
}

Export-ModuleMember -Function Get-RaisedErrorId
