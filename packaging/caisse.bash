# bash completion for caisse. It asks caisse itself (its English --help at the subcommand typed so
# far) for subcommands and options, so it follows the program without a list to keep up to date.
# Installed as /usr/share/bash-completion/completions/caisse (issue 13).

# Prints "sub NAME", "opt NAME" and "val NAME" (an option taking a value) lines for the help of
# caisse "$@". CLI11 lays it out as sections "Title:" with two-space indented rows.
_caisse_help_items() {
    CAISSE_LANG=en "$@" --help 2>/dev/null | awk '
        /^[^ ].*:$/ { subs = ($0 == "Subcommands:"); next }
        subs && /^  [a-z]/ { print "sub " $1; next }
        /^  -/ {
            n = split($1, names, ",")
            takes = ($2 ~ /^[A-Z]/ && $2 != "Excludes:" && $2 != "Needs:")
            for (i = 1; i <= n; i++) print (takes ? "val " : "opt ") names[i]
        }'
}

_caisse() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local cmd=(${COMP_WORDS[0]}) items subs=() opts=() vals=() i w
    items=$(_caisse_help_items "${cmd[@]}")
    # Walk the words typed so far: each one that names a subcommand here goes one level down.
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if grep -qx "sub $w" <<<"$items"; then
            cmd+=("$w")
            items=$(_caisse_help_items "${cmd[@]}")
        fi
    done
    while read -r kind name; do
        case $kind in
            sub) subs+=("$name") ;;
            opt) opts+=("$name") ;;
            val) opts+=("$name"); vals+=("$name") ;;
        esac
    done <<<"$items"
    # After an option that takes a value: files, since most are ledgers, folders or CSVs.
    for w in "${vals[@]}"; do
        if [[ $prev == "$w" ]]; then
            COMPREPLY=($(compgen -f -- "$cur"))
            return
        fi
    done
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "${opts[*]}" -- "$cur"))
    else
        COMPREPLY=($(compgen -W "${subs[*]}" -- "$cur"))
    fi
}
complete -o filenames -o bashdefault -F _caisse caisse
