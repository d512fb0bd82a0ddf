"""The structural members: what every plan must hold, whatever the rules say."""
