from ui import room, router

router.enter()  # the page under the router even on a server's first link: see ui/router.py

room.phone_page()  # the room vote on a phone: the code, the question as buttons, the answer (ui/room.py)
