# Why an agent's reply is held before it reaches the parent (etiquette rule).
# Every text receives $match, the flagged fragment.

etiquette-profanity = Obscene or insulting word: “{ $match }”. Please remove it: a reply to a parent keeps to neutral words.
etiquette-aggression = Harsh wording: “{ $match }”. Explain calmly and without reproach, e.g. “Here is how to do it: …”.
etiquette-exclamations = Several exclamation marks in a row (“{ $match }”) read as irritation. Keep one, or end with a full stop.
etiquette-slang = Informal word: “{ $match }”. Use a neutral one instead: “fine”, “now”, “information”, “computer”, “thank you”.
etiquette-gender-age-address = Address by gender or age: “{ $match }”. Use a neutral greeting such as “Hello!” or the person’s name.
etiquette-shouting = Text in capitals reads as shouting: “{ $match }”. Please retype it in normal case; abbreviations may stay.
etiquette-confidential-link = Internal link: { $match }. Do not send internal addresses to parents: link the public portal or describe the steps.
etiquette-confidential-password = This looks like a password. Do not send passwords in chat: suggest restoring access with “Forgot password?”.
etiquette-confidential-token = This looks like an access key or token. Please remove it: service keys are never shared with parents.
etiquette-informal-address = Informal "ты": «{ $match }». Address the parent with the polite "вы".
etiquette-operator-word = A word your service asked not to use: «{ $match }». Please replace it with one the parent will understand.
