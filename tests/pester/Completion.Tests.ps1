# Tab completion as a user gets it: TabExpansion2 on a command line, against the built module.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    if (-not (Get-Module SsmOnPrem)) { Import-Module (Get-ModuleManifestPath) }

    # What Tab offers at the end of a command line.
    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }

    # Script functions using the completers the way other cmdlets do, for the parameters no cmdlet has yet.
    function Test-VirtualAccountCompletion {
        param([ArgumentCompleter([SsmOnPrem.Commands.Completion.VirtualAccountCompleter])] [string] $VirtualAccount)
    }
    function Test-PlatformCompletion {
        param([ArgumentCompleter([SsmOnPrem.Commands.Completion.PlatformCompleter])] [string] $Platform)
    }
    function Test-TypeCompletion {
        param([ArgumentCompleter([SsmOnPrem.Commands.Completion.TransportTypeCompleter])] [string] $Type)
    }
    function Test-ComputerNameCompletion {
        param([ArgumentCompleter([SsmOnPrem.Commands.Completion.ComputerNameCompleter])] [string] $ComputerName)
    }
    $sources = [SsmOnPrem.Commands.Completion.CompletionSources]
}

Describe 'Argument completion' {
    AfterEach {
        $sources::VirtualAccountNames = $null
        $sources::OpenSessionComputerNames = $null
    }

    Describe 'ConvertFrom-SsmLicenseOutput -Platform (its ValidateSet)' {
        It 'offers every platform on an empty word' {
            Get-Completion 'ConvertFrom-SsmLicenseOutput -Platform ' | Should -Be @('ASA', 'IOS-XE', 'IOS-XR', 'NX-OS')
        }

        It 'completes a prefix, ignoring case' {
            Get-Completion 'ConvertFrom-SsmLicenseOutput -Platform ios' | Should -Be @('IOS-XE', 'IOS-XR')
            Get-Completion 'ConvertFrom-SsmLicenseOutput -Platform n' | Should -Be @('NX-OS')
        }

    }

    Describe 'the -Platform completer (for -Platform parameters without a ValidateSet)' {
        It 'offers the platforms with what each is in the tooltip' {
            Get-Completion 'Test-PlatformCompletion -Platform ' | Should -Be @('ASA', 'IOS-XE', 'IOS-XR', 'NX-OS')
            $line = 'Test-PlatformCompletion -Platform nx'
            $match = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
            $match.CompletionText | Should -Be 'NX-OS'
            $match.ToolTip | Should -Match 'Nexus'
        }
    }

    Describe 'the -Type completer' {
        It 'offers the transports' {
            Get-Completion 'Test-TypeCompletion -Type ' | Should -Be @('Auto', 'CallHome', 'Cslu', 'SmartTransport')
            Get-Completion 'Test-TypeCompletion -Type c' | Should -Be @('CallHome', 'Cslu')
        }
    }

    Describe 'the -VirtualAccount completer' {
        It 'offers nothing when no On-Prem connection filled the hook' {
            Get-Completion 'Test-VirtualAccountCompletion -VirtualAccount ' | Should -BeNullOrEmpty
        }

        It 'offers the connected virtual accounts, quoting names with spaces' {
            $sources::VirtualAccountNames = [Func[System.Collections.Generic.IEnumerable[string]]] { , [string[]]@('Campus', 'Branch Offices', "O'Hare DC", 'Campus') }
            Get-Completion 'Test-VirtualAccountCompletion -VirtualAccount ' | Should -Be @("'Branch Offices'", 'Campus', "'O''Hare DC'")
            Get-Completion 'Test-VirtualAccountCompletion -VirtualAccount b' | Should -Be @("'Branch Offices'")
            Get-Completion "Test-VirtualAccountCompletion -VirtualAccount 'br" | Should -Be @("'Branch Offices'")
        }

        It 'offers nothing, and does not throw, when the provider fails' {
            $sources::VirtualAccountNames = [Func[System.Collections.Generic.IEnumerable[string]]] { throw 'connection lost' }
            Get-Completion 'Test-VirtualAccountCompletion -VirtualAccount ' | Should -BeNullOrEmpty
        }
    }

    Describe 'the -ComputerName completer' {
        It 'offers the devices with an open session' {
            $sources::OpenSessionComputerNames = [Func[System.Collections.Generic.IEnumerable[string]]] { , [string[]]@('sw1.example.com', 'rtr1.example.com') }
            Get-Completion 'Test-ComputerNameCompletion -ComputerName s' | Should -Be @('sw1.example.com')
        }
    }
}
