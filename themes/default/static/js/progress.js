/* Progress page: written by the quiz engine work (issue 4). */
