"""AI players: random, scripted (easy, normal) and search (hard) bots. See bots.make_bot."""
