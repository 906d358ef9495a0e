"""Writes N synthetic leads (distinct emails, stages across the funnel and won) as CSV."""
import csv
import random
import sys

path, count = sys.argv[1], int(sys.argv[2])
random.seed(42)
stages = ["new", "contacted", "qualified", "proposal", "negotiation", "won"]
firsts = ["Ines", "Omar", "Mia", "Noah", "Lea", "Ravi", "Ana", "Tom", "Yuki", "Sara"]
lasts = ["Brunet", "Haddad", "Kowalski", "Okafor", "Silva", "Nguyen", "Meyer", "Rossi"]
with open(path, "w", newline="") as handle:
    writer = csv.writer(handle)
    writer.writerow(["id", "first_name", "last_name", "email", "stage"])
    for index in range(count):
        first, last = random.choice(firsts), random.choice(lasts)
        writer.writerow([f"L-{index:04d}", first, last, f"{first}.{last}.{index}@example.com".lower(),
                         stages[index % len(stages)]])
