@{
    Synopsis    = 'Runs a DataCenterTools step on many hosts over SSH remoting, each host on its own time limit, and returns one status per host with the merged result.'
    Description = @(
        'Invoke-DataFleet runs -ScriptBlock on every host of -ComputerName (one name per line of a hosts file: blank lines and # comments are skipped, a name given twice runs once) with PowerShell remoting over SSH (Invoke-Command -HostName), at most -ThrottleLimit hosts at a time. Each host runs on its own: one that cannot be reached, fails or runs past -TimeoutSeconds is stopped and reported by itself, and never loses or holds up the results of the others (the failure mode of one Invoke-Command over all hosts, PowerShell issue #25087).'
        'It returns one FleetRun object: Hosts (one FleetHostStatus per host, in the order given: ComputerName, Outcome Succeeded/Failed/Unreachable/TimedOut/Stopped, Duration, OutputCount, ErrorId, Error), Output (every object the hosts returned, each with PSComputerName), and what merges across hosts: Summaries and Distributions (the column summaries of Get-DataDistribution -AsSummary from every host that succeeded, merged as Merge-DataDistribution merges them: exact counts, moments, min and max, sketched quantiles and distinct counts) and Tokens (Measure-TextToken counts added up; counts by different tokenizers are an error). Output of a host that failed or timed out is in Output but not in the merged figures, so a merged figure never covers part of a host silently; check Succeeded and Failed, or the Hosts table.'
        'Each host that did not succeed is also a non-terminating error: DataCenterTools.FleetHostUnreachable (ConnectionError: no session could be opened), DataCenterTools.FleetHostTimedOut (OperationTimeout), DataCenterTools.FleetHostFailed (the script block raised an error there), so -ErrorAction Stop turns any bad host into a failed run for a runbook.'
        'For unattended runs the SSH options include BatchMode=yes (never a password prompt: key authentication only), ConnectTimeout (the host time limit, at most 30 s) and LogLevel=ERROR; -Options adds or overrides any ssh_config option. Host keys are checked as ssh checks them (known_hosts); -Options @{ StrictHostKeyChecking = ''accept-new'' } accepts new hosts on first contact. Each host needs sshd with a powershell subsystem (Subsystem powershell /usr/bin/pwsh -sshs -NoLogo) and the DataCenterTools module installed.'
        'The script block runs on the remote host: local variables do not reach it ($using: is not read); pass values with -ArgumentList and a param() block.'
    )
    Parameters  = @{
        ComputerName   = 'The hosts: names or addresses, e.g. (Get-Content hosts.txt). Accepts pipeline input. Blank lines and text after # are ignored.'
        ScriptBlock    = 'What each host runs, e.g. { Get-DataDistribution -Path /data/*.csv -AsSummary }.'
        ArgumentList   = 'Values for the script block''s param() block, the same on every host.'
        UserName       = 'The user to log in as on every host (default: ssh''s default, the current user or the ssh_config User).'
        KeyFilePath    = 'The private key file for SSH key authentication.'
        Port           = 'The SSH port of every host (default 22 or the ssh_config Port).'
        Subsystem      = 'The sshd subsystem that starts PowerShell (default powershell).'
        Options        = 'More ssh_config options as a hashtable, e.g. @{ UserKnownHostsFile = ''/etc/dct/known_hosts''; StrictHostKeyChecking = ''yes'' }; they override the defaults BatchMode=yes, ConnectTimeout and LogLevel=ERROR.'
        ThrottleLimit  = 'How many hosts run at once (default 32).'
        TimeoutSeconds = 'Each host''s own time limit in seconds, counted from when it starts (default 300). A host still running then is stopped and reported as TimedOut; the others go on.'
    }
    Inputs      = @('System.String (host names)')
    Examples    = @(
        @{
            Title   = 'Profile the data of every host and merge it into one description'
            Code    = '$run = Invoke-DataFleet -ComputerName (Get-Content hosts.txt) -ScriptBlock { Get-DataDistribution -Path /data/telemetry/*.csv -AsSummary } -KeyFilePath ~/.ssh/dct_ed25519 -TimeoutSeconds 120; $run.Hosts | Format-Table; $run.Distributions'
            Remarks = 'One status row per host, then one distribution per column over every host that succeeded.'
        }
        @{
            Title   = 'Count training tokens across the fleet, failing the runbook on any bad host'
            Code    = '$run = Invoke-DataFleet (Get-Content hosts.txt) { param($file) $null = Import-Dataset $file | Measure-TextToken -Tokenizer o200k_base -ReportVariable counted; $counted } -ArgumentList ''/corpus/today.jsonl'' -ErrorAction Stop; $run.Tokens'
            Remarks = 'The per-host counts add up in Tokens; -ErrorAction Stop makes an unreachable or failing host stop the script.'
        }
    )
    Notes       = @(
        'Tested against a real sshd (Debian openssh-server) started by the tests on a loopback port with a pwsh subsystem: several host names, an unreachable port, a host that runs past its limit.'
        'On Windows with WinRM, use Invoke-Command -ComputerName and Merge-DataDistribution; Invoke-DataFleet speaks SSH remoting, which PowerShell 7 supports on every platform.'
    )
    Links       = @('Merge-DataDistribution', 'Get-DataDistribution', 'Measure-TextToken', 'about_Remote_Over_SSH')
}
